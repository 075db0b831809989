/// A plain-text table with a header row and columns padded to their widest cell.
public struct TextTable {
    public var header: [String]
    public var rows: [[String]] = []
    /// Columns whose cells are right-aligned (numbers).
    public var rightAligned: Set<Int> = []

    public init(_ header: [String], rightAligned: Set<Int> = []) {
        self.header = header
        self.rightAligned = rightAligned
    }

    public mutating func append(_ row: [String]) {
        rows.append(row)
    }

    /// The width tables and text output fit (the terminal's, or `$COLUMNS`); `nil`: no limit (`--wide`, or
    /// output that is not a terminal). Set once, by the command line's options, before anything renders.
    public nonisolated(unsafe) static var maxWidth: Int?

    /// Columns shrink no narrower than this (or their header) to fit `maxWidth`.
    static let narrowest = 8

    public func render() -> String {
        let all = [header] + rows
        var widths = header.indices.map { column in all.map { $0.count > column ? $0[column].count : 0 }.max() ?? 0 }
        if let limit = Self.maxWidth {
            // The widest text column gives way first, a character at a time, until the table fits.
            while widths.reduce(0, +) + 2 * max(0, widths.count - 1) > limit {
                let shrinkable = widths.indices.filter {
                    !rightAligned.contains($0) && widths[$0] > max(Self.narrowest, header[$0].count)
                }
                guard let widest = shrinkable.max(by: { widths[$0] < widths[$1] }) else { break }
                widths[widest] -= 1
            }
        }
        func line(_ cells: [String]) -> String {
            cells.indices.map { column in
                let cell = Self.clip(cells[column], to: widths[column])
                let padding = String(repeating: " ", count: max(0, widths[column] - cell.count))
                if rightAligned.contains(column) { return padding + cell }
                return column == cells.count - 1 ? cell : cell + padding
            }.joined(separator: "  ")
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        return ([line(header), rule] + rows.map(line)).joined(separator: "\n") + "\n"
    }

    /// `text` cut to `width` characters, its end shown by an ellipsis.
    static func clip(_ text: String, to width: Int) -> String {
        guard text.count > width else { return text }
        return width < 1 ? "" : String(text.prefix(width - 1)) + "…"
    }

    /// Every line of `text` cut to `maxWidth` (tables fit already; this catches free lines, such as a long
    /// list of KBs).
    public static func fit(_ text: String) -> String {
        guard let limit = maxWidth else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { clip(String($0), to: limit) }
            .joined(separator: "\n")
    }
}

extension TextTable {
    /// The same rows as RFC 4180 CSV, header first, for spreadsheets and scripts. Headers are snake_case in
    /// every command's CSV (`MEAN DAYS` → `mean_days`), whatever the table shows.
    public func renderCSV() -> String {
        ([Self.csvHeader(header)] + rows).map(Self.csvLine).joined(separator: "\r\n") + "\r\n"
    }

    /// A table header's CSV column names: snake_case.
    static func csvHeader(_ header: [String]) -> [String] {
        header.map { $0.lowercased().split(separator: " ").joined(separator: "_") }
    }

    /// One CSV line, without its line end.
    static func csvLine(_ cells: [String]) -> String {
        cells.map(csvField).joined(separator: ",")
    }

    /// Quoted where needed; a cell starting with `= + - @` gets a leading `'` so that a spreadsheet shows
    /// text from input files (host names, titles) instead of running it as a formula.
    private static func csvField(_ cell: String) -> String {
        // By UTF-8 byte, not Character: a 100,000-VM scan's CSV spent nearly half its time comparing Characters.
        let formula = cell.utf8.first.map { $0 == 0x3D || $0 == 0x2B || $0 == 0x2D || $0 == 0x40 } ?? false
        let safe = formula ? "'" + cell : cell
        guard safe.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return safe }
        return "\"" + safe.replacingAll("\"", with: "\"\"") + "\""
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
