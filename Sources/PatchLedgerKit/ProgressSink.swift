/// Where a long task says how far it got: the CLI draws it on a terminal; tests and the demo pass none.
public protocol ProgressSink: AnyObject {
    /// Announces a run of `files` files, `bytes` in all.
    func expect(files: Int, bytes: Int)
    /// One file of the run is done.
    func advance(bytes: Int)
    /// Within a catalog file: how far the read got.
    func update(file: String, bytes: Int, records: Int?)
    /// For runs of many small files: how many are done, and what they held.
    func update(files done: Int, of total: Int, snapshots: Int)
    /// For one big file read a batch at a time.
    func update(file: String, snapshots: Int)
    /// For tasks that run in phases: what is being done.
    func step(_ what: String)
    /// The task is over: the line is cleared.
    func finish()
}

/// No progress shown: for tests, the demo, and runs whose output is read by a program.
public final class NoProgress: ProgressSink {
    public init() {}
    public func expect(files: Int, bytes: Int) {}
    public func advance(bytes: Int) {}
    public func update(file: String, bytes: Int, records: Int?) {}
    public func update(files done: Int, of total: Int, snapshots: Int) {}
    public func update(file: String, snapshots: Int) {}
    public func step(_ what: String) {}
    public func finish() {}
}
