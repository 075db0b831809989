import Foundation
import PatchLedgerCore

/// A big PatchLedger JSON inventory (one file for a whole fleet's scans) read a batch of records at a time,
/// in memory bounded by the batch, whatever the file's size. Used by one thread at a time.
public final class InventoryStream: @unchecked Sendable {
    /// Files at least this big are streamed when they are PatchLedger JSON in UTF-8; smaller ones are read
    /// whole, a batch of them at once.
    public static let threshold = 8 << 20

    public let file: String
    /// SHA-256 of the file's bytes, from a first pass over them.
    public let sha256: String
    public let size: Int
    private let records: JSONRecords
    private var read = 0

    /// - Returns: `nil` when the file is small, or not PatchLedger JSON in UTF-8 (it is then read whole).
    public static func open(
        _ url: URL, displayName: String, format: InventoryFormat?, threshold: Int = threshold
    ) throws -> InventoryStream? {
        guard format == nil || format == .patchLedgerJSON,
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
        do {
            guard var head = try handle.read(upToCount: 1 << 20).map(Array.init) else { return nil }
            digest.update(head)
            if head.starts(with: [0xEF, 0xBB, 0xBF]) { head.removeFirst(3) }
            head = Array(head.prefix(1 << 16))
            // UTF-16 (PowerShell 5.1's default) and other encodings are decoded whole, as small files are.
            guard let start = head.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }),
                start == UInt8(ascii: "[") || start == UInt8(ascii: "{"),
                format == .patchLedgerJSON
                    || JSONInventory.detect(String(decoding: head, as: UTF8.self)) == .patchLedgerJSON
            else { return nil }
            while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
                chunk.withUnsafeBytes { digest.update($0) }
            }
        } catch {
            throw ImportError.unreadable(file: displayName, reason: (error as NSError).localizedDescription)
        }
        return InventoryStream(
            file: displayName, sha256: digest.finalizeHex(), size: size,
            records: try JSONRecords(url: url, displayName: displayName))
    }

    private init(file: String, sha256: String, size: Int, records: JSONRecords) {
        self.file = file
        self.sha256 = sha256
        self.size = size
        self.records = records
    }

    /// The next records, at most `count`; empty after the last.
    ///
    /// - Throws: `ImportError` naming the record; a file without a single record is an error.
    public func next(upTo count: Int) throws -> [InventorySnapshot] {
        var snapshots: [InventorySnapshot] = []
        while snapshots.count < count, let (record, value) = try records.next() {
            snapshots.append(try JSONInventory.snapshot(value, record: record, file: file))
        }
        read += snapshots.count
        if snapshots.isEmpty && read == 0 {
            throw ImportError.badRecord(
                file: file, line: 1, expected: "installed KBs (\(InventoryFormat.patchLedgerJSON.rawValue))",
                found: "none")
        }
        return snapshots
    }
}
