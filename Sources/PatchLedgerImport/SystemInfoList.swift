import PatchLedgerCore

/// `systeminfo` text output (the default layout, also `/fo list`), in any display language.
///
/// Labels are translated ("Host Name", "Nom de l'hôte") but the layout is not: every value starts at one
/// column, multi-valued fields continue on lines indented to that column as `[01]: …` items, the first
/// two fields are the host and OS names, and values have fixed shapes (`10.0.14393`, `x64-based PC`).
enum SystemInfoList {
    struct Field {
        var line: Int
        var value: Substring
        var items: [Substring] = []
    }

    /// The capture has a `major.minor.build` value or `[nn]: KB…` items, in systeminfo's layout.
    static func matches(_ lines: [Substring]) -> Bool {
        lines.contains { line in
            line.first.map { $0 == " " } == true
                && InventoryFields.listItem(line).flatMap { InventoryFields.installedKB($0) } != nil
        }
            || fields(lines).contains { InventoryFields.osVersion($0.value) != nil }
    }

    static func parse(_ text: String, file: String) throws -> InventorySnapshot {
        let fields = fields(TextDecoding.lines(text))
        var snapshot = InventorySnapshot(format: InventoryFormat.systeminfo.rawValue)
        guard fields.count >= 3 else {
            throw ImportError.badRecord(
                file: file, line: 1, expected: "systeminfo fields (host, OS name, OS version…)",
                found: "\(fields.count) field lines")
        }
        snapshot.vm = nonEmpty(fields[0].value)
        snapshot.osName = nonEmpty(fields[1].value)
        snapshot.installedAt = InventoryFields.firstDateTime(fields.dropFirst(3).map(\.value))
        snapshot.version = fields.lazy.compactMap { InventoryFields.osVersion($0.value) }.first
        snapshot.architecture =
            fields.lazy.filter { $0.value.utf8.contains(UInt8(ascii: "-")) }
            .compactMap { Architecture(systemType: $0.value) }.first
        if let hotfixes = fields.first(where: { $0.items.contains { InventoryFields.installedKB($0) != nil } }) {
            snapshot.declaredCount = InventoryFields.firstInteger(hotfixes.value)
            var items = hotfixes.items[...]
            if let cut = Self.cutOff(items, declared: snapshot.declaredCount) {
                snapshot.cutOffEntry = "KB\(cut)"
                items = items.dropLast()
            }
            for item in items {
                if let installed = InventoryFields.installed(item) {
                    snapshot.add(installed)
                } else {
                    snapshot.otherEntries += 1
                }
            }
        } else if fields.indices.dropFirst(3).contains(where: { index in
            index + 1 < fields.count && fields[index].items.isEmpty
                && InventoryFields.listsNoHotfix(
                    fields[index].value, nextFieldHasItems: !fields[index + 1].items.isEmpty)
        }) {
            // Nothing installed: a state (a VM fresh from an old image), not a failed capture.
            snapshot.declaredCount = 0
            snapshot.listsInstalledUpdates = true
        }
        return snapshot
    }

    /// The number of a truncated list's last entry when systeminfo cut it mid-id: the list is shorter than it
    /// declares, and that KB has fewer digits than any other it lists (`KB2862` after `KB2862152`…).
    static func cutOff(_ items: ArraySlice<Substring>, declared: Int?) -> Int? {
        guard let declared, declared > items.count, let last = items.last,
            let kb = InventoryFields.installedKB(last)
        else { return nil }
        let digits = { (kb: KB) in String(kb.number).count }
        let shortest = items.dropLast().compactMap { InventoryFields.installedKB($0) }.map(digits).min()
        guard let shortest, digits(kb) < shortest else { return nil }
        return kb.number
    }

    /// Splits the capture into fields: a line starting at column 0 opens one, its value starting at the
    /// value column; indented lines add items to it.
    static func fields(_ lines: [Substring]) -> [Field] {
        let column = valueColumn(lines)
        var fields: [Field] = []
        for (index, line) in lines.enumerated() {
            guard let first = line.utf8.first else { continue }
            if first == 0x20 || first == 0x09 {
                if let item = InventoryFields.listItem(line), !fields.isEmpty {
                    fields[fields.count - 1].items.append(item)
                }
                continue
            }
            let value = line.dropFirst(column)
            fields.append(Field(line: index + 1, value: Substring(value.trimmingWhitespace())))
        }
        return fields
    }

    /// The column where values start: the indentation of the `[nn]:` item lines, else the most common
    /// start of the text after a label's colon.
    private static func valueColumn(_ lines: [Substring]) -> Int {
        var smallest = Int.max
        for line in lines where line.utf8.first == 0x20 {
            let indent = line.utf8.prefix { $0 == 0x20 }.count
            if indent < smallest, InventoryFields.listItem(line) != nil { smallest = indent }
        }
        if smallest < Int.max { return smallest }
        var counts: [Int: Int] = [:]
        for line in lines where line.first != " " {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let afterColon = line[line.index(after: colon)...]
            guard afterColon.first == " " else { continue }
            let start = line.distance(from: line.startIndex, to: colon) + 1 + afterColon.prefix { $0 == " " }.count
            counts[start, default: 0] += 1
        }
        return counts.max { $0.value < $1.value }?.key ?? 0
    }

    private static func nonEmpty(_ value: Substring) -> String? {
        let text = value.trimmingWhitespace()
        return text.isEmpty || text == "N/A" ? nil : text
    }
}
