import Dispatch
import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// GETs over HTTP(S), following redirects, with a timeout and retries (network errors, 5xx and 429, after a
/// delay that doubles); a body goes to a file through a temporary one beside it, renamed only once complete, so a
/// failed or cut download leaves nothing behind.
public struct HTTPDownloader: Sendable {
    public var timeout: Double
    public var attempts: Int
    /// The first retry's delay, in seconds.
    public var backoff: Double

    public init(timeout: Double = 60, attempts: Int = 3, backoff: Double = 1) {
        self.timeout = timeout
        self.attempts = attempts
        self.backoff = backoff
    }

    public enum Outcome: Equatable {
        /// 304: what is held is current.
        case notModified
        case downloaded(etag: String?, lastModified: String?, bytes: Int)
    }

    /// A small document (a JSON list), in memory.
    public func data(_ url: URL, accept: String) throws -> Data {
        try retrying(url) {
            let transfer = try run(request(url, accept: accept, etag: nil, lastModified: nil), into: nil, progress: nil)
            return transfer.body
        }
    }

    /// GETs `url` into `destination`; with `etag` or `lastModified`, conditionally (a 304 is `.notModified`).
    public func download(
        _ url: URL, accept: String, etag: String?, lastModified: String?, to destination: URL,
        progress: (@Sendable (_ bytes: Int, _ expected: Int?) -> Void)? = nil
    ) throws -> Outcome {
        try retrying(url) {
            let temporary = destination.deletingLastPathComponent().appendingPathComponent(
                ".\(destination.lastPathComponent).partial-\(ProcessInfo.processInfo.processIdentifier)")
            defer { try? FileManager.default.removeItem(at: temporary) }
            let transfer = try run(
                request(url, accept: accept, etag: etag, lastModified: lastModified), into: temporary,
                progress: progress)
            if transfer.status == 304 { return .notModified }
            try? FileManager.default.removeItem(at: destination)
            do {
                try FileManager.default.moveItem(at: temporary, to: destination)
            } catch {
                throw FetchError(url: url.absoluteString, reason: "cannot write \(destination.path): \(error)")
            }
            return .downloaded(etag: transfer.etag, lastModified: transfer.lastModified, bytes: transfer.received)
        }
    }

    private func request(_ url: URL, accept: String, etag: String?, lastModified: String?) -> URLRequest {
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        request.setValue(accept, forHTTPHeaderField: "Accept")
        if let etag { request.setValue(etag, forHTTPHeaderField: "If-None-Match") }
        if let lastModified { request.setValue(lastModified, forHTTPHeaderField: "If-Modified-Since") }
        return request
    }

    /// Runs `body` up to `attempts` times while it fails in a way worth retrying.
    private func retrying<T>(_ url: URL, _ body: () throws -> T) throws -> T {
        var delay = backoff
        for attempt in 1...max(1, attempts) {
            do {
                return try body()
            } catch is Retryable where attempt < max(1, attempts) {
                Thread.sleep(forTimeInterval: delay)
                delay *= 2
            } catch let error as Retryable {
                throw FetchError(url: url.absoluteString, reason: "\(error.reason) (after \(attempt) attempts)")
            }
        }
        throw FetchError(url: url.absoluteString, reason: "no attempt made")
    }

    /// One request: the body into `file` (only for a 200) or memory; a 304 is an answer, any other status an
    /// error (retryable for 5xx and 429).
    private func run(
        _ request: URLRequest, into file: URL?, progress: (@Sendable (Int, Int?) -> Void)?
    ) throws -> Transfer {
        let url = request.url?.absoluteString ?? "?"
        let transfer = Transfer(file: file, progress: progress)
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        let session = URLSession(configuration: configuration, delegate: transfer, delegateQueue: nil)
        defer { session.finishTasksAndInvalidate() }
        session.dataTask(with: request).resume()
        transfer.done.wait()
        if let error = transfer.failure { throw FetchError(url: url, reason: error) }
        if let error = transfer.error { throw Retryable(reason: error.localizedDescription) }
        guard let status = transfer.status else { throw Retryable(reason: "no response") }
        switch status {
        case 200:
            if let expected = transfer.expected, expected >= 0, transfer.received != expected {
                throw Retryable(reason: "cut short: \(transfer.received) of \(expected) bytes")
            }
            return transfer
        case 304: return transfer
        case 429, 500...599: throw Retryable(reason: "HTTP \(status)")
        default: throw FetchError(url: url, reason: "HTTP \(status)")
        }
    }
}

/// A failure worth another attempt.
private struct Retryable: Error {
    var reason: String
}

/// One request's state, filled in by URLSession's delegate calls on its queue, read once `done` is signalled.
private final class Transfer: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    let done = DispatchSemaphore(value: 0)
    private let file: URL?
    private let progress: (@Sendable (Int, Int?) -> Void)?
    private var handle: FileHandle?
    private(set) var status: Int?
    private(set) var expected: Int?
    private(set) var etag: String?
    private(set) var lastModified: String?
    private(set) var received = 0
    private(set) var body = Data()
    private(set) var error: Error?
    /// A local failure (the file cannot be written): not retried.
    private(set) var failure: String?

    init(file: URL?, progress: (@Sendable (Int, Int?) -> Void)?) {
        self.file = file
        self.progress = progress
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
    ) {
        let http = response as? HTTPURLResponse
        status = http?.statusCode
        expected = response.expectedContentLength >= 0 ? Int(response.expectedContentLength) : nil
        etag = http?.value(forHTTPHeaderField: "ETag")
        lastModified = http?.value(forHTTPHeaderField: "Last-Modified")
        if status == 200, let file {
            guard FileManager.default.createFile(atPath: file.path, contents: nil),
                let handle = try? FileHandle(forWritingTo: file)
            else {
                failure = "cannot write \(file.path)"
                completionHandler(.cancel)
                return
            }
            self.handle = handle
        }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        guard status == 200 else { return }
        received += data.count
        if let handle {
            do { try handle.write(contentsOf: data) } catch {
                failure = "cannot write \(file?.path ?? "?"): \(error)"
                dataTask.cancel()
                return
            }
        } else {
            body.append(data)
        }
        progress?(received, expected)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        try? handle?.close()
        handle = nil
        if failure == nil { self.error = error }
        done.signal()
    }
}
