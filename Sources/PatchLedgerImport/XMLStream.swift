import CLibXML2
import Foundation
import PatchLedgerCore
import PatchLedgerDigest

/// A libxml2 SAX2 push parser fed from a file in chunks: bounded memory whatever the file's size.
///
/// The parser never loads a DTD or external entity and never reaches the network: a document type
/// declaration is refused outright, which makes XXE and entity-expansion documents fail cleanly.
final class XMLStream {
    /// What `start`/`end` see when the handler wants an element's text: `beginText()` then `text`.
    private var textBytes: [UInt8] = []
    private var capturing = false
    private let tokens = InternedNames()
    private let names: [String]
    private var context: xmlParserCtxtPtr?
    // Set for the length of `parse` only, which holds it: a retain per SAX event showed in profiles.
    private unowned(unsafe) var handler: (any XMLStreamHandler)?
    private var failure: Error?
    /// `failure != nil`, kept as a plain flag: each SAX event checks it, and reading the optional existential
    /// per event showed in profiles.
    private var failed = false
    let file: String

    init(file: String, names: [String]) {
        self.file = file
        self.names = names
    }

    deinit { tokens.deallocate() }

    /// The handler asks for the text of the element just started.
    func beginText() {
        textBytes.removeAll(keepingCapacity: true)
        capturing = true
    }

    /// The text captured since `beginText()`, trimmed; capture stops.
    func takeText() -> String {
        capturing = false
        return String(decoding: textBytes, as: UTF8.self).trimmingWhitespace()
    }

    var line: Int { context.map { Int(clibxml2_line($0)) } ?? 0 }
    var column: Int { context.map { Int(clibxml2_column($0)) } ?? 0 }

    /// Stops the parse with an error raised by the handler.
    func fail(_ error: Error) {
        if !failed {
            failure = error
            failed = true
        }
        if let context { xmlStopParser(context) }
    }

    /// Streams `url` through `handler`.
    ///
    /// - Parameters:
    ///   - chunk: called with each chunk read, before it is parsed (hashing, progress).
    ///   - wrapped: parse the content inside a synthetic root, for metadata fragments that have several.
    /// - Throws: `ImportError` for unreadable or malformed input, or what the handler threw.
    func parse(
        _ url: URL, handler: any XMLStreamHandler, wrapped: Bool = false,
        chunk: (UnsafeRawBufferPointer) -> Void = { _ in }
    ) throws {
        guard let input = fopen(url.path, "rb") else {
            throw ImportError.unreadable(file: file, reason: String(cString: strerror(errno)))
        }
        defer { fclose(input) }
        let size = 1 << 18
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
        defer { buffer.deallocate() }
        try parse(handler: handler, wrapped: wrapped, chunk: chunk) { consume in
            while true {
                let count = fread(buffer, 1, size, input)
                if count == 0 {
                    if ferror(input) != 0 { throw ImportError.unreadable(file: file, reason: "read error") }
                    return
                }
                try consume(UnsafeRawBufferPointer(start: buffer, count: count))
            }
        }
    }

    /// Streams the bytes `produce` pushes (a cabinet member as libmspack decompresses it) through `handler`.
    func parse(
        handler: any XMLStreamHandler, wrapped: Bool = false, chunk: (UnsafeRawBufferPointer) -> Void = { _ in },
        produce: (_ consume: (UnsafeRawBufferPointer) throws -> Void) throws -> Void
    ) throws {
        self.handler = handler
        defer { self.handler = nil }
        var sax = Self.makeHandler()
        let me = Unmanaged.passUnretained(self).toOpaque()
        guard let ctxt = xmlCreatePushParserCtxt(&sax, me, nil, 0, file) else {
            throw ImportError.unreadable(file: file, reason: "libxml2 could not create a parser")
        }
        defer {
            context = nil
            xmlFreeParserCtxt(ctxt)
        }
        context = ctxt
        // Never XML_PARSE_HUGE: libxml2's own limits (depth 256, names of 50,000 characters) then hold, and
        // `TagLength` bounds what they leave quadratic.
        xmlCtxtUseOptions(ctxt, Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue))
        let dict = clibxml2_dict(ctxt)
        precondition(names.count < 100, "InternedNames holds at most 127 names")
        tokens.removeAll()
        for (index, name) in names.enumerated() {
            if let interned = xmlDictLookup(dict, name, -1) {
                tokens.insert(Int(bitPattern: interned), index)
            }
        }
        var wrappedPending = wrapped
        var total = 0
        var tags = TagLength()
        try withoutActuallyEscaping(chunk) { chunk in
            try produce { block in
                guard !block.isEmpty else { return }
                total += block.count
                var bytes = block
                chunk(bytes)
                if tags.overlong(in: bytes) {
                    throw ImportError.malformed(
                        file: file, line: tags.line, column: tags.column,
                        reason: "a tag longer than \(TagLength.limit / 1024) KB: catalogs have no such element, and "
                            + "libxml2 checks its attributes in quadratic time")
                }
                if wrappedPending {
                    wrappedPending = false
                    bytes = Self.droppingDeclaration(bytes)
                    try feed(ctxt, Array("<fragment>".utf8))
                }
                try feed(ctxt, bytes)
            }
        }
        // libxml2 calls an empty push stream "extra content", which misleads.
        if total == 0, !wrapped {
            throw ImportError.malformed(file: file, line: 1, column: 1, reason: "the file is empty")
        }
        if wrapped { try feed(ctxt, Array("</fragment>".utf8)) }
        xmlParseChunk(ctxt, nil, 0, 1)
        try check(ctxt)
    }

    /// Streams `url` through `handler` and returns the SHA-256 of the bytes it read, so a file is read once.
    ///
    /// - Parameter progress: called with the number of bytes read so far.
    func parseHashing(
        _ url: URL, handler: any XMLStreamHandler, progress: (Int) -> Void
    ) throws -> String {
        var hasher = SHA256()
        var bytesRead = 0
        try parse(url, handler: handler) { chunk in
            hasher.update(chunk)
            bytesRead += chunk.count
            progress(bytesRead)
        }
        return hasher.finalizeHex()
    }

    private func feed(_ ctxt: xmlParserCtxtPtr, _ bytes: UnsafeRawBufferPointer) throws {
        guard let base = bytes.baseAddress else { return }
        xmlParseChunk(ctxt, base.assumingMemoryBound(to: CChar.self), Int32(bytes.count), 0)
        try check(ctxt)
    }

    private func feed(_ ctxt: xmlParserCtxtPtr, _ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try feed(ctxt, $0) }
    }

    private func check(_ ctxt: xmlParserCtxtPtr) throws {
        if let failure { throw failure }
        guard ctxt.pointee.wellFormed == 0 || ctxt.pointee.errNo != 0 else { return }
        if let error = xmlCtxtGetLastError(ctxt), error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue {
            let message = error.pointee.message.map { String(cString: $0) } ?? "parse error"
            let firstLine = message.split(separator: "\n").first.map(String.init) ?? message
            throw ImportError.malformed(
                file: file, line: Int(error.pointee.line), column: Int(error.pointee.int2),
                reason: firstLine.trimmingWhitespace())
        }
    }

    /// Skips a UTF-8 byte-order mark and an XML declaration so the content can sit inside a synthetic root.
    private static func droppingDeclaration(_ bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        while start < bytes.count, bytes[start] == 0x20 || bytes[start] == 0x0A || bytes[start] == 0x0D {
            start += 1
        }
        if bytes.count - start >= 5, bytes[start] == UInt8(ascii: "<"), bytes[start + 1] == UInt8(ascii: "?") {
            var end = start + 2
            while end + 1 < bytes.count, !(bytes[end] == UInt8(ascii: "?") && bytes[end + 1] == UInt8(ascii: ">")) {
                end += 1
            }
            start = min(end + 2, bytes.count)
        }
        return UnsafeRawBufferPointer(rebasing: bytes[start...])
    }

    // MARK: C callbacks

    fileprivate func token(_ name: UnsafePointer<xmlChar>?) -> Int? {
        tokens.lookup(name)
    }

    /// The local name of the element being started, built only when asked for.
    var currentName: String? { currentNamePointer.map { String(cString: $0) } }
    private var currentNamePointer: UnsafePointer<xmlChar>?

    fileprivate func didStart(_ name: UnsafePointer<xmlChar>?, _ attributes: XMLAttributes) {
        guard !failed, let handler else { return }
        currentNamePointer = name
        do { try handler.start(token(name), attributes, self) } catch { fail(error) }
    }

    fileprivate func didEnd(_ name: UnsafePointer<xmlChar>?) {
        guard !failed, let handler else { return }
        do { try handler.end(token(name), self) } catch { fail(error) }
        // Captured elements hold only text: whatever ends next ends the capture.
        capturing = false
    }

    fileprivate func didRead(_ bytes: UnsafePointer<xmlChar>, _ count: Int) {
        guard capturing else { return }
        textBytes.append(contentsOf: UnsafeBufferPointer(start: bytes, count: count))
    }

    private static func makeHandler() -> xmlSAXHandler {
        var sax = xmlSAXHandler()
        sax.initialized = XML_SAX2_MAGIC
        // The stream outlives its parse: borrowed per event, not retained and released.
        sax.startElementNs = { user, localname, _, _, _, _, attributeCount, _, attributes in
            Unmanaged<XMLStream>.fromOpaque(user.unsafelyUnwrapped)._withUnsafeGuaranteedRef { stream in
                stream.didStart(
                    localname, XMLAttributes(tokens: stream.tokens, base: attributes, count: Int(attributeCount)))
            }
        }
        sax.endElementNs = { user, localname, _, _ in
            Unmanaged<XMLStream>.fromOpaque(user.unsafelyUnwrapped)._withUnsafeGuaranteedRef { $0.didEnd(localname) }
        }
        sax.characters = { user, bytes, count in
            guard let bytes else { return }
            Unmanaged<XMLStream>.fromOpaque(user.unsafelyUnwrapped)._withUnsafeGuaranteedRef {
                $0.didRead(bytes, Int(count))
            }
        }
        // No catalog has a DTD: refusing any closes the door on external entities and entity bombs.
        sax.internalSubset = { user, _, _, _ in
            let stream = Unmanaged<XMLStream>.fromOpaque(user.unsafelyUnwrapped).takeUnretainedValue()
            stream.fail(
                ImportError.unexpected(
                    file: stream.file, line: stream.line, column: stream.column,
                    expected: "no document type declaration (DTDs and entities are refused)", found: "<!DOCTYPE"))
        }
        // Errors are read from the context after each chunk; nothing is printed by libxml2 itself.
        sax.serror = { _, _ in }
        return sax
    }
}
