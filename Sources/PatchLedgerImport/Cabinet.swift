import CLibMSPack
import Foundation

/// A Microsoft cabinet read with libmspack, from a file or from memory (a cabinet inside a cabinet): its members
/// listed, each decompressed as a stream of blocks handed to the caller, so nothing is written to disk.
final class Cabinet {
    struct Member {
        var name: String
        var length: Int
        fileprivate let file: UnsafeMutablePointer<mscabd_file>

        /// The name as a path: lower case, `/` between folders (cabinets write `x\20000001`).
        var path: String { name.lowercased().replacingOccurrences(of: "\\", with: "/") }
    }

    let displayName: String
    private(set) var members: [Member] = []
    private let system: UnsafeMutablePointer<clibmspack_system>
    private let decompressor: UnsafeMutablePointer<mscab_decompressor>
    private var cabinet: UnsafeMutablePointer<mscabd_cabinet>?
    /// The bytes of a cabinet read from memory, owned here while libmspack reads them.
    private var memory: UnsafeMutableRawBufferPointer?
    /// The name the cabinet was opened by: libmspack keeps the pointer, and opens it again to extract.
    private var openedName: UnsafeMutablePointer<CChar>?

    /// - Throws: `ImportError` when the file is no cabinet, or a damaged one.
    convenience init(file url: URL, displayName: String) throws {
        try self.init(displayName: displayName, memory: nil)
        try open(url.path)
    }

    convenience init(bytes: [UInt8], displayName: String) throws {
        let memory = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bytes.count, 1), alignment: 16)
        memory.copyBytes(from: bytes)
        try self.init(displayName: displayName, memory: UnsafeMutableRawBufferPointer(rebasing: memory[..<bytes.count]))
        self.memory = memory
        try open(CLIBMSPACK_MEMORY_NAME)
    }

    private init(displayName: String, memory: UnsafeMutableRawBufferPointer?) throws {
        self.displayName = displayName
        system = .allocate(capacity: 1)
        system.initialize(to: clibmspack_system())
        system.pointee.memory =
            memory.map { UnsafePointer($0.baseAddress?.assumingMemoryBound(to: UInt8.self)) }
            ?? nil
        system.pointee.memory_length = memory?.count ?? 0
        guard let decompressor = clibmspack_create(system) else {
            system.deallocate()
            throw ImportError.unreadable(file: displayName, reason: "libmspack could not create a decompressor")
        }
        self.decompressor = decompressor
    }

    deinit {
        if let cabinet { decompressor.pointee.close(decompressor, cabinet) }
        mspack_destroy_cab_decompressor(decompressor)
        system.deallocate()
        memory?.deallocate()
        free(openedName)
    }

    private func open(_ name: String) throws {
        openedName = strdup(name)
        guard let cabinet = decompressor.pointee.open(decompressor, openedName) else {
            throw ImportError.unreadable(file: displayName, reason: "not a readable cabinet (\(lastError()))")
        }
        self.cabinet = cabinet
        var file = cabinet.pointee.files
        while let current = file {
            members.append(
                Member(
                    name: current.pointee.filename.map { String(cString: $0) } ?? "",
                    length: Int(current.pointee.length),
                    file: current))
            file = current.pointee.next
        }
    }

    /// The member named `name` (`\` and `/` alike, letter case ignored), if the cabinet holds it.
    func member(named name: String) -> Member? {
        let wanted = name.lowercased().replacingOccurrences(of: "\\", with: "/")
        return members.first { $0.path == wanted }
    }

    /// Decompresses `member`, handing each block to `body` as it comes.
    ///
    /// - Throws: what `body` threw, or `ImportError` for a damaged or truncated cabinet.
    func extract(_ member: Member, into body: (UnsafeRawBufferPointer) throws -> Void) throws {
        try withoutActuallyEscaping(body) { body in
            let box = Unmanaged.passRetained(SinkBox(body))
            defer { box.release() }
            system.pointee.sink = { context, bytes, count in
                guard let context, let bytes else { return 1 }
                let box = Unmanaged<SinkBox>.fromOpaque(context).takeUnretainedValue()
                do {
                    try box.body(UnsafeRawBufferPointer(start: bytes, count: Int(count)))
                    return 0
                } catch {
                    box.error = error
                    return 1
                }
            }
            system.pointee.sink_context = box.toOpaque()
            defer {
                system.pointee.sink = nil
                system.pointee.sink_context = nil
            }
            let status = decompressor.pointee.extract(decompressor, member.file, "<sink>")
            if let error = box.takeUnretainedValue().error { throw error }
            guard status == MSPACK_ERR_OK else {
                throw ImportError.unreadable(
                    file: displayName, reason: "cannot decompress \(member.name) (\(Self.describe(status)))")
            }
        }
    }

    /// The whole of `member`, in memory (a cabinet inside this one).
    func bytes(of member: Member) throws -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(member.length)
        try extract(member) { bytes.append(contentsOf: $0) }
        return bytes
    }

    private func lastError() -> String {
        Self.describe(decompressor.pointee.last_error(decompressor))
    }

    private static func describe(_ status: Int32) -> String {
        switch status {
        case MSPACK_ERR_OPEN: "cannot open it"
        case MSPACK_ERR_READ: "read error: truncated?"
        case MSPACK_ERR_SEEK: "seek error: truncated?"
        case MSPACK_ERR_SIGNATURE: "no cabinet signature"
        case MSPACK_ERR_DATAFORMAT: "damaged data"
        case MSPACK_ERR_CHECKSUM: "checksum mismatch"
        case MSPACK_ERR_DECRUNCH: "damaged compressed data"
        case MSPACK_ERR_NOMEMORY: "out of memory"
        default: "libmspack error \(status)"
        }
    }
}

/// The Swift closure a decompression hands its blocks to, and what it threw (a C callback cannot throw).
private final class SinkBox {
    let body: (UnsafeRawBufferPointer) throws -> Void
    var error: Error?

    init(_ body: @escaping (UnsafeRawBufferPointer) throws -> Void) {
        self.body = body
    }
}
