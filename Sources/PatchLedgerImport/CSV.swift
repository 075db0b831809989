/// RFC 4180 CSV as Windows tools and spreadsheets write it: comma-separated, fields optionally in double
/// quotes with `""` for a quote, line breaks allowed inside quotes.
struct CSV {
    struct Row {
        /// The 1-based line the row starts on, for error messages.
        var line: Int
        var fields: [String]
    }

    /// Where a quoted field opened that never closed (the rest of the file was read into it).
    struct OpenQuote {
        var line: Int
        /// The 1-based field of its row.
        var field: Int
    }

    var rows: [Row]
    var unclosedQuote: OpenQuote?

    /// Splits `text` into rows; blank lines are skipped.
    init(_ text: String) {
        var reader = Reader()
        var rows: [Row] = []
        reader.feed(text.unicodeScalars) { rows.append($0) }
        reader.finish { rows.append($0) }
        self.rows = rows
        unclosedQuote = reader.unclosedQuote
    }

    /// Refuses what would silently change the data: a quote that never closes (the rest of the file read
    /// into one field), and a row with more or fewer fields than the header (a value in another's column).
    static func check(_ rows: some Collection<Row>, header: Row?, unclosedQuote: OpenQuote?, file: String) throws {
        if let open = unclosedQuote {
            throw ImportError.badRecord(
                file: file, line: open.line, expected: "a closing quote for field \(open.field), which this row opens",
                found: "the end of the file")
        }
        guard let header else { return }
        for row in rows where row.fields.count != header.fields.count {
            throw ImportError.badRecord(
                file: file, line: row.line, expected: "\(header.fields.count) fields, as the header has",
                found: "\(row.fields.count)")
        }
    }

    /// Splits text fed in pieces into rows, as they complete: a big file is read a chunk at a time.
    struct Reader {
        private var fields: [String] = []
        private var field = String.UnicodeScalarView()
        private var inQuotes = false
        /// A quote inside quotes, whose meaning (`""`, or the closing quote) the next scalar decides.
        private var quoteInQuotes = false
        private var afterQuote = false
        private var line = 1
        private var rowLine = 1
        private var rowHasContent = false
        private(set) var unclosedQuote: OpenQuote?

        mutating func feed(_ scalars: some Sequence<Unicode.Scalar>, _ emit: (Row) throws -> Void) rethrows {
            for scalar in scalars {
                if quoteInQuotes {
                    quoteInQuotes = false
                    if scalar == "\"" {
                        field.append("\"")
                        continue
                    }
                    inQuotes = false
                    afterQuote = true
                }
                if inQuotes {
                    if scalar == "\"" {
                        quoteInQuotes = true
                    } else {
                        if scalar == "\n" { line += 1 }
                        field.append(scalar)
                    }
                    continue
                }
                switch scalar {
                case "\"" where field.isEmpty && !afterQuote:
                    inQuotes = true
                    rowHasContent = true
                case ",":
                    endField()
                    afterQuote = false
                    rowHasContent = true
                case "\r":
                    continue
                case "\n":
                    try endRow(emit)
                    afterQuote = false
                    line += 1
                    rowLine = line
                default:
                    field.append(scalar)
                    if scalar != " " && scalar != "\t" { rowHasContent = true }
                }
            }
        }

        /// Ends the last row, which need not end with a line break.
        mutating func finish(_ emit: (Row) throws -> Void) rethrows {
            // A quote just read closes the field; one still open swallowed the rest of the file.
            if inQuotes && !quoteInQuotes { unclosedQuote = OpenQuote(line: rowLine, field: fields.count + 1) }
            quoteInQuotes = false
            inQuotes = false
            try endRow(emit)
        }

        private mutating func endField() {
            fields.append(String(field))
            field = String.UnicodeScalarView()
        }

        private mutating func endRow(_ emit: (Row) throws -> Void) rethrows {
            endField()
            if rowHasContent { try emit(Row(line: rowLine, fields: fields)) }
            fields = []
            rowHasContent = false
        }
    }
}
