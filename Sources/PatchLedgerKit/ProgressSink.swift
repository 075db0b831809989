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
    /// A download: how much of it arrived, of how much when the server said.
    func downloading(_ name: String, bytes: Int, of expected: Int?)
    /// For tasks that run in phases: what is being done.
    func step(_ what: String)
    /// The task is over: the line is cleared.
    func finish()
}
