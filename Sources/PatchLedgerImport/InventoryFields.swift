import PatchLedgerCore

/// Value patterns shared by the inventory formats: they find fields by shape, not by (localised) label.
enum InventoryFields {
    /// The text of a numbered list item, `[01]: KB4049065` or `[01] : …` (French), else `nil`.
    static func listItem(_ text: some StringProtocol) -> Substring? {
        // Byte-wise: this runs for every line of every capture.
        let line = Substring(text)
        let bytes = line.utf8
        var index = bytes.startIndex
        func skip(_ set: (UInt8) -> Bool) {
            while index < bytes.endIndex, set(bytes[index]) { index = bytes.index(after: index) }
        }
        func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
        skip(isBlank)
        guard index < bytes.endIndex, bytes[index] == UInt8(ascii: "[") else { return nil }
        index = bytes.index(after: index)
        let digitsStart = index
        skip { (0x30...0x39).contains($0) }
        guard index > digitsStart, index < bytes.endIndex, bytes[index] == UInt8(ascii: "]") else { return nil }
        index = bytes.index(after: index)
        skip { $0 == 0x20 }
        guard index < bytes.endIndex, bytes[index] == UInt8(ascii: ":") else { return nil }
        index = bytes.index(after: index)
        skip { $0 == 0x20 }
        return line[index...]
    }

    /// An installed update's id as inventories write it: every `KB` spelling, and the legacy ones of Windows XP,
    /// Server 2003 and Windows Installer — a `vN` revision (`KB893803v2`), a component suffix (`KB2510531-IE8`,
    /// the text after the id kept by the caller if it wants it), and `Q` numbers (`Q147222`, the KB's old name).
    static func installedKB(_ text: some StringProtocol) -> KB? {
        if let kb = KB(parsing: text) { return kb }
        let token = Substring(text).trimmingWhitespace().prefix { $0 != " " }
        let upper = token.uppercased()
        if upper.hasPrefix("Q"), upper.dropFirst().allSatisfy(\.isASCIIDigitCharacter) {
            return KB(parsing: upper.dropFirst())
        }
        guard upper.hasPrefix("KB") else { return nil }
        let digits = upper.dropFirst(2).prefix(while: \.isASCIIDigitCharacter)
        let suffix = upper.dropFirst(2 + digits.count)
        let revision = suffix.first == "V" && suffix.count > 1 && suffix.dropFirst().allSatisfy(\.isASCIIDigitCharacter)
        let component =
            suffix.first == "-" && suffix.count > 1
            && suffix.dropFirst().allSatisfy { $0.isASCIIDigitCharacter || ("A"..."Z").contains($0) }
        guard revision || component else { return nil }
        return KB(parsing: digits)
    }

    /// An installed update as a capture lists it, its id as written kept when a legacy spelling was read.
    static func installed(_ text: some StringProtocol, installedOn: CalendarDate? = nil, description: String? = nil)
        -> InstalledKB?
    {
        guard let kb = installedKB(text) else { return nil }
        let written = KB(parsing: text) == nil ? String(Substring(text).trimmingWhitespace().prefix { $0 != " " }) : nil
        return InstalledKB(kb: kb, installedOn: installedOn, description: description, written: written)
    }

    /// The first run of digits in `text` ("154 Hotfix(s) Installed.", "93 Corrections installées.").
    /// systeminfo's Hotfix(s) value when the machine has none: `N/A`, or a count of 0 (`0 Hotfix(s) Installed.`,
    /// `0 correctif(s) installé(s).`). Labels are translated, so the field is known by its place: the next
    /// field, Network Card(s), lists `[nn]:` items (no other empty-looking field is followed by items).
    static func listsNoHotfix(_ value: some StringProtocol, nextFieldHasItems: Bool) -> Bool {
        guard nextFieldHasItems else { return false }
        let text = Substring(value).trimmingWhitespace()
        return text == "N/A" || (text.hasPrefix("0 ") && firstInteger(text) == 0)
    }

    /// Refuses a VM name that is empty (or only spaces), or holds a NUL or another control character: it would
    /// key the VM in the ledger invisibly, and print as something else. (A capture that names no VM at all takes
    /// the file's name; one that names it empty is broken.)
    static func checkVMName(_ name: String, file: String, line: Int) throws {
        guard !name.trimmingWhitespace().isEmpty else {
            throw ImportError.badRecord(file: file, line: line, expected: "a VM name", found: "an empty one")
        }
        guard name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return }
        let shown = name.unicodeScalars.map {
            $0.value < 0x20 || $0.value == 0x7F ? "\\u{\(String($0.value, radix: 16))}" : String($0)
        }
        .joined()
        throw ImportError.badRecord(
            file: file, line: line, expected: "a VM name without control characters", found: shown)
    }

    static func firstInteger(_ text: some StringProtocol) -> Int? {
        let digits = Substring(text).drop { !$0.isASCIIDigitCharacter }.prefix { $0.isASCIIDigitCharacter }
        return Int(digits)
    }

    /// A `major.minor.build` value such as systeminfo's OS Version (`10.0.14393 N/A Build 14393`).
    static func osVersion(_ text: some StringProtocol) -> OSVersion? {
        let head = Substring(text).trimmingWhitespace().prefix { $0.isASCIIDigitCharacter || $0 == "." }
        guard head.split(separator: ".").count >= 3 else { return nil }
        return OSVersion(parsing: head)
    }

    /// An install date as Windows tools print it: ISO (`2019-03-07`), `M/d/yyyy` (wmic, Get-HotFix; a
    /// first number over 12 reads as `d/M/yyyy`), `d.M.yyyy`, or `/Date(ms)/` (PowerShell 5.1 JSON).
    static func installDate(_ text: some StringProtocol) -> CalendarDate? {
        let value = Substring(text).trimmingWhitespace()
        if value.isEmpty { return nil }
        if value.hasPrefix("/Date(") || value.hasPrefix("\\/Date(") {
            let digits = value.drop { !$0.isASCIIDigitCharacter && $0 != "-" }
            guard let milliseconds = Int64(digits.prefix { $0.isASCIIDigitCharacter || $0 == "-" }) else { return nil }
            return Timestamp(secondsSinceEpoch: milliseconds / 1000).date
        }
        if let date = CalendarDate(parsing: value) { return date }
        let datePart = value.prefix { $0 != " " && $0 != "," && $0 != "T" }
        for separator: Character in ["/", ".", "-"] {
            let parts = datePart.split(separator: separator).map { Int($0) }
            guard parts.count == 3, let a = parts[0], let b = parts[1], var year = parts[2] else { continue }
            if year < 100 { year += 2000 }
            if separator == "/" && a <= 12 { return CalendarDate(year: year, month: a, day: b) }
            return CalendarDate(year: year, month: b, day: a)
        }
        return nil
    }

    /// systeminfo's "Original Install Date", in any language and layout: the first value shaped as a date and a
    /// time (`7/20/2023, 10:12:01 AM`, `03.03.2018, 03:50:28`); the boot time, of the same shape, comes after it.
    /// Kept as written: it only has to differ between two machines.
    static func firstDateTime(_ values: some Sequence<some StringProtocol>) -> String? {
        for value in values {
            let text = Substring(value).trimmingWhitespace()
            guard text.contains(":"), installDate(text) != nil, text.first?.isASCIIDigitCharacter == true else {
                continue
            }
            return String(text)
        }
        return nil
    }

    /// Column names that carry the host in qfe-shaped tables, most specific first.
    static let hostColumns = ["CSName", "PSComputerName", "Source", "__SERVER", "Node"]
}

extension Character {
    var isASCIIDigitCharacter: Bool { ("0"..."9").contains(self) }
}
