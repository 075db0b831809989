import Foundation
import PatchLedgerCore

/// Reads a fleet manifest: a CSV (`vm,group,image,deployed_at,build`, by header name, other columns kept
/// as tags) or the JSON that `az vm list` prints.
public enum FleetManifestReader {
    public static let formats = ["fleet-csv", "az-vm-list"]

    /// - Throws: `ImportError` naming the file and the row (CSV line, or JSON array position).
    public static func read(_ url: URL, displayName: String) throws -> [FleetEntry] {
        try read(
            bytes: try InputFiles.bytes(url, displayName: displayName, limit: .fleetManifest), displayName: displayName)
    }

    public static func read(bytes: [UInt8], displayName: String) throws -> [FleetEntry] {
        let text = try TextDecoding.decode(bytes, file: displayName)
        let start = text.trimmingWhitespace().first
        let entries: [FleetEntry]
        if start == "[" || start == "{" {
            entries = try AzureVMList.parse(text, file: displayName)
            // The JSON's records by their position in the array.
            try refuseDuplicates(entries.enumerated().map { ($1.vm, $0 + 1) }, file: displayName)
        } else if !text.trimmingWhitespace().isEmpty {
            entries = try csv(text, file: displayName)
        } else {
            entries = []
        }
        guard !entries.isEmpty else { throw ImportError.unrecognized(file: displayName, tried: formats) }
        return entries
    }

    /// One entry per VM: two rows naming one VM (names match in any letter case) would give it two sets of
    /// facts, and the later would win silently.
    static func refuseDuplicates(_ names: [(name: String, line: Int)], file: String) throws {
        var first: [String: Int] = [:]
        for (name, line) in names {
            try InventoryFields.checkVMName(name, file: file, line: line)
            if let earlier = first[name.lowercased()] {
                throw ImportError.badRecord(
                    file: file, line: line, expected: "one entry per VM",
                    found: "\(name) again (first at \(earlier))")
            }
            first[name.lowercased()] = line
        }
    }

    private static func csv(_ text: String, file: String) throws -> [FleetEntry] {
        let csv = CSV(text)
        let rows = csv.rows
        guard let header = rows.first else { return [] }
        try CSV.check(rows.dropFirst(), header: header, unclosedQuote: csv.unclosedQuote, file: file)
        let names = header.fields.map { $0.trimmingWhitespace().lowercased() }
        guard let vmColumn = names.firstIndex(where: { ["vm", "name", "vm_name"].contains($0) }) else {
            throw ImportError.badRecord(
                file: file, line: header.line, expected: "a header with a vm column (vm,group,image,deployed_at,build)",
                found: names.joined(separator: ","))
        }
        let known: Set<String> = ["group", "image", "deployed_at", "build", "os_type", "computer_name"]
        try refuseDuplicates(
            rows.dropFirst().map { row in
                (vmColumn < row.fields.count ? row.fields[vmColumn].trimmingWhitespace() : "", row.line)
            }, file: file)
        return try rows.dropFirst().map { row in
            var values: [String: String] = [:]
            for (index, name) in names.enumerated() where index < row.fields.count && index != vmColumn {
                let value = row.fields[index].trimmingWhitespace()
                if !value.isEmpty { values[name] = value }
            }
            let vm = vmColumn < row.fields.count ? row.fields[vmColumn].trimmingWhitespace() : ""
            guard !vm.isEmpty else {
                throw ImportError.badRecord(
                    file: file, line: row.line, expected: "a vm name", found: "an empty vm column")
            }
            var entry = FleetEntry(
                vm: vm, computerName: values["computer_name"], group: values["group"], image: values["image"],
                osType: values["os_type"], tags: values.filter { !known.contains($0.key) })
            if let text = values["deployed_at"] {
                guard let time = Timestamp(parsing: text) else {
                    throw ImportError.badRecord(
                        file: file, line: row.line, expected: "deployed_at as a date (2023-07-20 or ISO 8601)",
                        found: text)
                }
                entry.deployedAt = time
            }
            if let text = values["build"] {
                guard let build = OSVersion(parsing: text) else {
                    throw ImportError.badRecord(
                        file: file, line: row.line, expected: "build as 17763.4645 or 10.0.17763.4645", found: text)
                }
                entry.build = build
            }
            return entry
        }
    }
}
