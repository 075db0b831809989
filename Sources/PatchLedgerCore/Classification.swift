/// WSUS update classifications, keyed by the category GUIDs that package.xml carries.
public enum Classification {
    /// CVRF vendor fixes are security updates by definition.
    public static let securityUpdates = "Security Updates"
    public static let criticalUpdates = "Critical Updates"
    /// What a scan counts unless told otherwise: critical and security updates.
    public static let scannedByDefault: Set<String> = [criticalUpdates, securityUpdates]

    /// Microsoft's published classification GUIDs (FORMATS.md §1.4), upper-case.
    static let namesByGUID: [String: String] = [
        "E6CF1350-C01B-414D-A61F-263D14D133B4": criticalUpdates,
        "0FA1201D-4330-4FA8-8AE9-B877473B6441": securityUpdates,
        "E0789628-CE08-4437-BE74-2495B842F43B": "Definition Updates",
        "28BC880E-0592-4CBF-8F95-C79B17911D5F": "Update Rollups",
        "68C5B0A3-D1A6-4553-AE49-01D3A7827828": "Service Packs",
        "B54E7D24-7ADD-428F-8B75-90A396FA584F": "Feature Packs",
        "B4832BD8-E735-4761-8DAF-37F882276DAB": "Tools",
        "CD5FFD1E-E932-4E3A-BF74-18BF0B1BBD83": "Updates",
        "EBFC1FC5-71A4-4F7B-9ACA-3B9A503104A0": "Drivers",
        "3689BDC8-B205-4AF4-8D4A-A63924C5E9D5": "Upgrades",
        "5C9376AB-8CE6-464A-B136-22113DD69801": "Application",
        "434DE588-ED14-48F5-8EED-A15E09A991F6": "Connectors",
        "E140075D-8433-45C3-AD87-E72345B36078": "Developer Kits",
        "9511D615-35B2-47BB-927F-F73D8E9260BB": "Guidance",
    ]

    /// The classification's name for a GUID in any letter case; `nil` when the GUID is not a known one.
    public static func name(forGUID guid: String) -> String? {
        namesByGUID[guid.uppercased()]
    }
}
