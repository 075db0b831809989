/// RFC 4180 CSV as Windows tools and spreadsheets write it: comma-separated, fields optionally in double
/// quotes with `""` for a quote, line breaks allowed inside quotes.
struct CSV {
    struct Row {
        /// The 1-based line the row starts on, for error messages.
        var line: Int
        var fields: [String]
    }

    var rows: [Row]

    /// Splits `text` into rows; blank lines are skipped.
    init(_ text: String) {
        var rows: [Row] = []
        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var inQuotes = false
        var afterQuote = false
        var line = 1
        var rowLine = 1
        var rowHasContent = false

        func endField() {
            fields.append(String(field))
            field = String.UnicodeScalarView()
        }
        func endRow() {
            endField()
            if rowHasContent { rows.append(Row(line: rowLine, fields: fields)) }
            fields = []
            rowHasContent = false
        }

        var scalars = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        while let scalar = pending ?? scalars.next() {
            pending = nil
            if inQuotes {
                if scalar == "\"" {
                    if let next = scalars.next() {
                        if next == "\"" {
                            field.append("\"")
                        } else {
                            inQuotes = false
                            afterQuote = true
                            pending = next
                        }
                    } else {
                        inQuotes = false
                    }
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
                endRow()
                afterQuote = false
                line += 1
                rowLine = line
            default:
                field.append(scalar)
                if scalar != " " && scalar != "\t" { rowHasContent = true }
            }
        }
        endRow()
        self.rows = rows
    }
}
