import Foundation
import PatchLedgerCore
import PatchLedgerDigest

/// A big inventory file (one file for a whole fleet's scans) read a batch of records at a time, in memory
/// bounded by the batch: PatchLedger JSON (in UTF-8) record by record, and the CSV formats row by row in any
/// encoding (`qfe-csv` gathers rows by host, so it holds its snapshots until the file ends, never its
/// text). Used by one thread at a time.
public final class InventoryStream: @unchecked Sendable {
    /// Files at least this big are streamed when their format allows it; smaller ones are read whole, a
    /// batch of them at once.
    public static let threshold = 8 << 20

    public let file: String
    public let format: InventoryFormat
    /// SHA-256 of the file's bytes, from a first pass over them.
    public let sha256: String
    public let size: Int
    private let source: Source
    private var pending: [InventorySnapshot] = []
    private var diagnostics: [Diagnostic] = []
    private var read = 0
    private var atEnd = false

    private enum Source {
        case json(JSONRecords)
        case csv(TextChunks, CSVRows)
    }

    /// What the CSV formats make of rows.
    private final class CSVRows {
        var reader = CSV.Reader()
        var header: CSV.Row?
        var qfe: QFECSV.Reader

        init(file: String) {
            qfe = QFECSV.Reader(file: file)
        }
    }

    /// - Returns: `nil` when the file is small, or of a format read whole (it is then read whole).
    public static func open(
        _ url: URL, displayName: String, format: InventoryFormat?, threshold: Int = threshold
    ) throws -> InventoryStream? {
        try InputFiles.check(url, displayName: displayName, limit: .inventory)
        let streamable: [InventoryFormat] = [.patchLedgerJSON, .qfeCSV, .systeminfoCSV]
        guard format.map(streamable.contains) ?? true,
            let size = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? Int,
            size >= threshold
        else { return nil }
        let handle: FileHandle
        do {
            handle = try FileHandle(forReadingFrom: url)
        } catch {
            throw ImportError.unreadable(file: displayName, reason: (error as NSError).localizedDescription)
        }
        defer { try? handle.close() }
        var digest = SHA256()
        var sniffer = TextDecoding.Sniffer()
        var head: [UInt8] = []
        do {
            while let chunk = try handle.read(upToCount: 1 << 20).map(Array.init), !chunk.isEmpty {
                if head.isEmpty { head = Array(chunk.prefix(1 << 16)) }
                digest.update(chunk)
                sniffer.feed(chunk)
            }
        } catch {
            throw ImportError.unreadable(file: displayName, reason: (error as NSError).localizedDescription)
        }
        // Binary content, and formats read whole, are left to the whole read (and its errors).
        guard let encoding = sniffer.finish(),
            let detected = format ?? InventoryFormat.detect(Self.text(head, encoding)), streamable.contains(detected)
        else { return nil }
        let source: Source
        if detected == .patchLedgerJSON {
            // JSON records are split by bytes: UTF-16 JSON is read whole.
            guard case .utf8 = encoding else { return nil }
            source = .json(try JSONRecords(url: url, displayName: displayName))
        } else {
            source = .csv(try TextChunks(url: url, encoding: encoding, file: displayName), CSVRows(file: displayName))
        }
        return InventoryStream(
            file: displayName, format: detected, sha256: digest.finalizeHex(), size: size, source: source)
    }

    private init(file: String, format: InventoryFormat, sha256: String, size: Int, source: Source) {
        self.file = file
        self.format = format
        self.sha256 = sha256
        self.size = size
        self.source = source
    }

    /// The next snapshots, at most `count`; empty after the last.
    ///
    /// - Throws: `ImportError` naming the record or row; a file without a single snapshot is an error.
    public func next(upTo count: Int) throws -> [InventorySnapshot] {
        while pending.count < count, !atEnd { try pull() }
        let batch = Array(pending.prefix(count))
        pending.removeFirst(batch.count)
        read += batch.count
        if batch.isEmpty && read == 0 {
            let expected =
                format == .systeminfoCSV ? "a row of systeminfo values" : "installed KBs (\(format.rawValue))"
            throw ImportError.badRecord(
                file: file, line: format == .systeminfoCSV ? 2 : 1, expected: expected, found: "none")
        }
        return batch
    }

    /// Warnings about the snapshots returned so far (a systeminfo list shorter than declared), once each.
    public func takeDiagnostics() -> [Diagnostic] {
        defer { diagnostics = [] }
        return diagnostics
    }

    /// Reads one record (JSON) or one chunk of text (CSV) into `pending`.
    private func pull() throws {
        switch source {
        case .json(let records):
            guard let (record, value) = try records.next() else {
                atEnd = true
                return
            }
            try take(JSONInventory.snapshot(value, record: record, file: file))
        case .csv(let chunks, let rows):
            let text = try chunks.next()
            var completed: [CSV.Row] = []
            if let text {
                rows.reader.feed(text.unicodeScalars) { completed.append($0) }
            } else {
                rows.reader.finish { completed.append($0) }
                atEnd = true
            }
            for row in completed {
                if format == .systeminfoCSV {
                    // The first row is the header of translated labels.
                    if let header = rows.header {
                        try CSV.check([row], header: header, unclosedQuote: nil, file: file)
                        try take(SystemInfoCSV.snapshot(row))
                    } else {
                        rows.header = row
                    }
                } else {
                    try rows.qfe.add(row)
                }
            }
            if atEnd { try CSV.check([], header: nil, unclosedQuote: rows.reader.unclosedQuote, file: file) }
            if atEnd && format == .qfeCSV {
                for snapshot in rows.qfe.snapshots { try take(snapshot) }
            }
        }
    }

    private func take(_ snapshot: InventorySnapshot) throws {
        if let diagnostic = try InventoryReader.check(snapshot, format: format, file: file) {
            diagnostics.append(diagnostic)
        }
        pending.append(snapshot)
    }

    /// The start of the file as text, for detection (a character cut at its end does not matter).
    private static func text(_ head: [UInt8], _ encoding: TextDecoding.Encoding) -> String {
        switch encoding {
        case .utf8(let bom): String(decoding: head.dropFirst(bom ? 3 : 0), as: UTF8.self)
        case .windows1252: TextDecoding.windows1252(head)
        case .utf16(let littleEndian, let bom):
            String(
                decoding: stride(from: bom ? 2 : 0, to: head.count - 1, by: 2).map {
                    let (a, b) = (UInt16(head[$0]), UInt16(head[$0 + 1]))
                    return littleEndian ? a | b << 8 : a << 8 | b
                }, as: UTF16.self)
        }
    }
}
