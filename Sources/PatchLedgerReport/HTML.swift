import PatchLedgerCore

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

    /// A severity with its colour; the word stays, so colour is never the only sign (and the table sorts on it).
    static func severity(_ name: String?) -> String {
        guard let name, !name.isEmpty else { return "" }
        let rank = Severity(parsing: name)?.rawValue ?? 0
        return "<span class=\"sev sev-\(escape(name.lowercased()))\" data-rank=\"\(rank)\">\(escape(name))</span>"
    }

    /// A sortable table: header cells, then rows of already-escaped cells; `numeric` columns sort as numbers.
    static func table(_ header: [String], _ rows: [[String]], numeric: Set<Int> = []) -> String {
        var out = "<table class=\"sortable\"><thead><tr>"
        for (index, title) in header.enumerated() {
            out +=
                "<th scope=\"col\" tabindex=\"0\"\(numeric.contains(index) ? " class=\"num\"" : "")>\(escape(title))</th>"
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

    /// A line chart of `points` (label, value or nil) on an axis from 0 to `maximum` or above, with whole-number
    /// ticks (`axis`), and the last value written beside its point.
    static func lineChart(_ points: [(String, Double?)], maximum: Double, unit: String, title: String) -> String {
        let width = 640.0
        let height = 180.0
        let left = 40.0
        let right = 56.0
        let (top, ticks) = axis(maximum)
        let step = points.count > 1 ? (width - left - right) / Double(points.count - 1) : 0
        func y(_ value: Double) -> Double { height - 20 - (value / top) * (height - 40) }
        var path = ""
        var lastPoint: (x: Double, value: Double)?
        for (index, point) in points.enumerated() {
            guard let value = point.1 else { continue }
            let x = left + Double(index) * step
            path += (path.isEmpty ? "M" : "L") + "\(format(x)),\(format(y(value))) "
            lastPoint = (x, value)
        }
        var svg =
            "<svg class=\"chart\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(escape(title))\">"
        for tick in ticks {
            let at = format(y(Double(tick)))
            svg += "<line x1=\"\(left)\" y1=\"\(at)\" x2=\"\(width - right)\" y2=\"\(at)\" class=\"grid\"/>"
            svg += "<text class=\"tick\" x=\"2\" y=\"\(format(y(Double(tick)) + 4))\">\(tick)\(escape(unit))</text>"
        }
        if let first = points.first, let last = points.last {
            svg += "<text x=\"\(left)\" y=\"\(height - 4)\">\(escape(first.0))</text>"
            svg += "<text x=\"\(width - right)\" y=\"\(height - 4)\" text-anchor=\"end\">\(escape(last.0))</text>"
        }
        svg += "<path d=\"\(path)\" class=\"line\"/>"
        if let lastPoint {
            svg += "<text class=\"last\" x=\"\(format(lastPoint.x + 6))\" y=\"\(format(y(lastPoint.value) + 4))\">"
            svg += "\(Int(lastPoint.value.rounded()))\(escape(unit))</text>"
        }
        return svg + "</svg>"
    }

    /// An axis from 0 covering `maximum`: a round step (1, 2 or 5 × 10ⁿ, whole) giving at most five ticks.
    static func axis(_ maximum: Double) -> (top: Double, ticks: [Int]) {
        let target = max(maximum, 1) / 4
        var step = 1
        while Double(step) < target {
            let magnitude = step
            if Double(2 * magnitude) >= target { step = 2 * magnitude; break }
            if Double(5 * magnitude) >= target { step = 5 * magnitude; break }
            step = 10 * magnitude
        }
        let count = Int((max(maximum, 1) / Double(step)).rounded(.up))
        return (Double(count * step), (0...count).map { $0 * step })
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

    /// Horizontal bars, one per row, each stacked from labelled parts (class names for colour); every part's
    /// count is written in the bar's label too, so colour is never the only sign.
    static func stackedBars(
        _ rows: [(label: String, parts: [(name: String, count: Int, style: String)])], title: String
    )
        -> String
    {
        let width = 640.0
        let rowHeight = 26.0
        let left = 120.0
        let height = Double(max(rows.count, 1)) * rowHeight + 10
        let widest = Double(max(rows.map { $0.parts.reduce(0) { $0 + $1.count } }.max() ?? 1, 1))
        var svg =
            "<svg class=\"chart\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(escape(title))\">"
        for (index, row) in rows.enumerated() {
            let y = Double(index) * rowHeight + 5
            svg += "<text x=\"0\" y=\"\(format(y + 15))\">\(escape(row.label))</text>"
            var x = left
            for part in row.parts where part.count > 0 {
                // Room on the right for the counts in words ("2977 compliant, 7023 not compliant").
                let length = Double(part.count) / widest * (width - left - 250)
                svg += "<rect x=\"\(format(x))\" y=\"\(format(y))\" width=\"\(format(length))\" height=\"18\" "
                svg += "class=\"\(part.style)\"><title>\(escape(part.name)): \(part.count)</title></rect>"
                x += length
            }
            let shown = row.parts.filter { $0.count > 0 }.map { "\($0.count) \($0.name)" }
            let words = shown.isEmpty ? "0" : shown.joined(separator: ", ")
            svg += "<text x=\"\(format(x + 6))\" y=\"\(format(y + 15))\">\(escape(words))</text>"
        }
        return svg + "</svg>"
    }

    /// Vertical bars of labelled values with a dashed threshold line (`threshold`, labelled).
    static func barsWithThreshold(_ bars: [(String, Int)], threshold: Int, unit: String, title: String) -> String {
        let width = 640.0
        let height = 180.0
        let (top, ticks) = axis(Double(max(bars.map(\.1).max() ?? 0, threshold)))
        let slot = (width - 40) / Double(max(bars.count, 1))
        func y(_ value: Double) -> Double { height - 40 - value / top * (height - 60) }
        var svg =
            "<svg class=\"chart\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(escape(title))\">"
        for tick in ticks {
            svg += "<text class=\"tick\" x=\"2\" y=\"\(format(y(Double(tick)) + 4))\">\(tick)</text>"
        }
        for (index, bar) in bars.enumerated() {
            let x = 40 + Double(index) * slot + slot * 0.15
            let over = bar.1 > threshold
            svg += "<rect x=\"\(format(x))\" y=\"\(format(y(Double(bar.1))))\" width=\"\(format(slot * 0.7))\" "
            svg += "height=\"\(format(y(0) - y(Double(bar.1))))\" class=\"\(over ? "bar over" : "bar")\"/>"
            svg +=
                "<text x=\"\(format(x + slot * 0.35))\" y=\"\(format(y(Double(bar.1)) - 4))\" text-anchor=\"middle\">"
            svg += "\(bar.1)\(escape(unit))\(over ? " (over)" : "")</text>"
            svg +=
                "<text x=\"\(format(x + slot * 0.35))\" y=\"\(height - 24)\" text-anchor=\"middle\">\(index + 1)</text>"
        }
        let line = format(y(Double(threshold)))
        svg += "<line x1=\"40\" y1=\"\(line)\" x2=\"\(width)\" y2=\"\(line)\" class=\"threshold\"/>"
        svg += "<text x=\"\(width)\" y=\"\(format(y(Double(threshold)) - 4))\" text-anchor=\"end\">"
        svg += "threshold \(threshold)\(escape(unit))</text>"
        return svg + "</svg>"
    }

    static func format(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return tenths % 10 == 0 ? "\(tenths / 10)" : "\(tenths / 10).\(abs(tenths % 10))"
    }
}
