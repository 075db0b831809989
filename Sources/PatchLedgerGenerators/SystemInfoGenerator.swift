import Foundation

/// Writes a fleet of systeminfo captures (English layout, CRLF) with pseudo-random installed KBs, and the
/// same KB rows as CSV for `sqlite3 .import`: the inventory benchmark's input and its baseline.
public struct SystemInfoGenerator {
    public var files: Int
    public var kbsPerFile: Int

    public init(files: Int, kbsPerFile: Int) {
        self.files = files
        self.kbsPerFile = kbsPerFile
    }

    /// - Returns: the number of KB rows written.
    public func write(to folder: URL, csv: URL) throws -> Int {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: csv.path, contents: nil)  // The open below reports a failure.
        let rows = try FileHandle(forWritingTo: csv)
        defer { try? rows.close() }
        var random = SplitMix64(seed: 0x5EED)
        var total = 0
        for index in 1...files {
            let host = String(format: "VM-%05d", index)
            var kbs = Set<Int>()
            while kbs.count < kbsPerFile { kbs.insert(2_800_000 + Int(random.next() % 2_400_000)) }
            let ordered = kbs.sorted()
            var text = Self.header(host: host, hotfixes: ordered.count)
            var csvText = ""
            for (position, kb) in ordered.enumerated() {
                text += "                           [\(String(format: "%02d", position + 1))]: KB\(kb)\r\n"
                csvText += "\(index),\(kb),,\n"
            }
            text += "Network Card(s):           1 NIC(s) Installed.\r\n"
            text += "                           [01]: Microsoft Hyper-V Network Adapter\r\n"
            try Data(text.utf8).write(to: folder.appendingPathComponent("\(host).txt"))
            rows.write(Data(csvText.utf8))
            total += ordered.count
        }
        return total
    }

    private static func header(host: String, hotfixes: Int) -> String {
        [
            "", "Host Name:                 \(host)",
            "OS Name:                   Microsoft Windows Server 2019 Datacenter",
            "OS Version:                10.0.17763 N/A Build 17763", "OS Manufacturer:           Microsoft Corporation",
            "OS Configuration:          Member Server", "OS Build Type:             Multiprocessor Free",
            "Registered Owner:          Windows User", "Registered Organization:   ",
            "Product ID:                00430-00000-00000-AA123", "Original Install Date:     7/20/2023, 10:12:01 AM",
            "System Boot Time:          8/9/2023, 3:01:44 AM", "System Manufacturer:       Microsoft Corporation",
            "System Model:              Virtual Machine", "System Type:               x64-based PC",
            "Processor(s):              1 Processor(s) Installed.",
            "                           [01]: Intel64 Family 6 Model 85 Stepping 7 GenuineIntel ~2594 Mhz",
            "BIOS Version:              Microsoft Corporation Hyper-V UEFI Release v4.1, 6/1/2023",
            "Windows Directory:         C:\\Windows", "System Directory:          C:\\Windows\\system32",
            "Total Physical Memory:     8,191 MB", "Domain:                    contoso.local",
            "Logon Server:              \\\\DC-01", "Hotfix(s):                 \(hotfixes) Hotfix(s) Installed.",
        ].joined(separator: "\r\n") + "\r\n"
    }
}
