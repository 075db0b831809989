/// HTML building blocks: escaping (everything that came from input files goes through it) and inline SVG
/// charts, so a report is one self-contained file.
enum HTML {
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// A link to Microsoft's page for a KB or CVE (the only external references a report holds); other text as is.
    static func reference(_ key: String) -> String {
        let text = escape(key)
        if key.hasPrefix("KB"), key.dropFirst(2).allSatisfy(\.isNumber) {
            return "<a href=\"https://support.microsoft.com/help/\(key.dropFirst(2))\">\(text)</a>"
        }
        if key.hasPrefix("CVE-"), key.dropFirst(4).allSatisfy({ $0.isNumber || $0 == "-" }) {
            return "<a href=\"https://msrc.microsoft.com/update-guide/vulnerability/\(text)\">\(text)</a>"
        }
        return text
    }

    /// A sortable table: header cells, then rows of already-escaped cells; `numeric` columns sort as numbers.
    static func table(_ header: [String], _ rows: [[String]], numeric: Set<Int> = []) -> String {
        var out = "<table class=\"sortable\"><thead><tr>"
        for (index, title) in header.enumerated() {
            out += "<th\(numeric.contains(index) ? " class=\"num\"" : "")>\(escape(title))</th>"
        }
        out += "</tr></thead><tbody>"
        for row in rows {
            out += "<tr>"
            for (index, cell) in row.enumerated() {
                out += "<td\(numeric.contains(index) ? " class=\"num\"" : "")>\(cell)</td>"
            }
            out += "</tr>"
        }
        if rows.isEmpty { out += "<tr><td colspan=\"\(header.count)\">none</td></tr>" }
        return out + "</tbody></table>"
    }

    /// A line chart of `points` (label, value or nil) scaled to `maximum`.
    static func lineChart(_ points: [(String, Double?)], maximum: Double, unit: String, title: String) -> String {
        let width = 640.0
        let height = 180.0
        let left = 40.0
        let step = points.count > 1 ? (width - left - 10) / Double(points.count - 1) : 0
        func y(_ value: Double) -> Double { height - 20 - (value / max(maximum, 1)) * (height - 40) }
        var path = ""
        for (index, point) in points.enumerated() {
            guard let value = point.1 else { continue }
            path += (path.isEmpty ? "M" : "L") + "\(format(left + Double(index) * step)),\(format(y(value))) "
        }
        var svg =
            "<svg class=\"chart\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(escape(title))\">"
        for tick in [0.0, maximum / 2, maximum] {
            svg +=
                "<line x1=\"\(left)\" y1=\"\(format(y(tick)))\" x2=\"\(width - 10)\" y2=\"\(format(y(tick)))\" class=\"grid\"/>"
            svg += "<text x=\"2\" y=\"\(format(y(tick) + 4))\">\(format(tick))\(escape(unit))</text>"
        }
        if let first = points.first, let last = points.last {
            svg += "<text x=\"\(left)\" y=\"\(height - 4)\">\(escape(first.0))</text>"
            svg += "<text x=\"\(width - 10)\" y=\"\(height - 4)\" text-anchor=\"end\">\(escape(last.0))</text>"
        }
        svg += "<path d=\"\(path)\" class=\"line\"/></svg>"
        return svg
    }

    /// A bar chart of labelled counts.
    static func barChart(_ bars: [(String, Int)], title: String) -> String {
        let width = 640.0
        let height = 160.0
        let top = Double(max(bars.map(\.1).max() ?? 1, 1))
        let slot = width / Double(max(bars.count, 1))
        var svg =
            "<svg class=\"chart\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(escape(title))\">"
        for (index, bar) in bars.enumerated() {
            let barHeight = Double(bar.1) / top * (height - 50)
            let x = Double(index) * slot + slot * 0.2
            svg += "<rect x=\"\(format(x))\" y=\"\(format(height - 25 - barHeight))\" width=\"\(format(slot * 0.6))\" "
            svg += "height=\"\(format(barHeight))\" class=\"bar\"/>"
            svg +=
                "<text x=\"\(format(x + slot * 0.3))\" y=\"\(format(height - 30 - barHeight))\" text-anchor=\"middle\">\(bar.1)</text>"
            svg +=
                "<text x=\"\(format(x + slot * 0.3))\" y=\"\(height - 8)\" text-anchor=\"middle\">\(escape(bar.0))</text>"
        }
        return svg + "</svg>"
    }

    static func format(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return tenths % 10 == 0 ? "\(tenths / 10)" : "\(tenths / 10).\(abs(tenths % 10))"
    }
}
