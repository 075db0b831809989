/// What an update is in the servicing model, from the subtypes MSRC spells several ways ("Security
/// Hotpatch Update", "SecurityHotpatchUpdate", "Azure Hotpatch") and WSUS titles.
public enum UpdateKind: String, Sendable, Codable, CaseIterable {
    /// The monthly cumulative update of Windows 10/11 and Server 2016 and later.
    case cumulative
    /// The Monthly Rollup of Windows 7/8.1 and Server 2008 R2/2012/2012 R2.
    case monthlyRollup
    /// The Security-Only update of the same products: covers nothing but itself.
    case securityOnly
    /// The Internet Explorer cumulative update that Security-Only servicing installs beside it.
    case ieCumulative
    /// Hotpatch updates: only for VMs enrolled in hotpatching.
    case hotpatch
    /// A Setup Dynamic Update: for installation media and feature upgrades, never installed on a running OS.
    case setupDynamicUpdate
    case other

    /// Classifies an update of an OS product (component updates are `other`).
    ///
    /// - Parameters:
    ///   - subtype: MSRC's SubType or the subtype derived from a WSUS title.
    ///   - title: the WSUS title, when there is one.
    ///   - servicing: how the product is serviced: on cumulative-serviced products MSRC calls the monthly
    ///     cumulative update a plain "Security Update", and the C/D previews and out-of-band builds it lists a
    ///     plain "Update" (KB4487006, Server 2016, 2019-02).
    ///
    /// Stricter than `UpdateSubtype.fromTitle`, which labels any "Cumulative Update" title (.NET too) for
    /// display: only "Cumulative Update for Windows" is the OS's monthly update here.
    public init(subtype: String?, title: String?, servicing: Servicing) {
        let compact = (subtype ?? "").lowercased().filter { $0.isLetter }
        let words = (title ?? "").lowercased()
        if compact.contains("hotpatch") || words.contains("hotpatch") {
            self = .hotpatch
        } else if compact == "setupdu" || compact == "setupdynamicupdate" || words.contains("setup dynamic update") {
            self = .setupDynamicUpdate
        } else if compact == "securityonly" || words.contains("security only") {
            self = .securityOnly
        } else if compact == "monthlyrollup" || compact == "previewrollup" || words.contains("monthly quality rollup")
            || words.contains("monthly rollup")
        {
            self = .monthlyRollup
        } else if compact == "iecumulative" || words.contains("cumulative security update for internet explorer") {
            self = .ieCumulative
        } else if ["cumulative", "cumulativeupdate", "alternatecumulative"].contains(compact)
            || words.contains("cumulative update for windows")
            || (servicing == .cumulative && (compact == "securityupdate" || compact == "update"))
        {
            self = servicing == .monthlyRollup ? .other : .cumulative
        } else {
            self = .other
        }
    }
}
