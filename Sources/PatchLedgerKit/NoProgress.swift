/// No progress shown: for tests, the demo, and runs whose output is read by a program.
public final class NoProgress: ProgressSink {
    public init() {}
    public func expect(files: Int, bytes: Int) {}
    public func advance(bytes: Int) {}
    public func update(file: String, bytes: Int, records: Int?) {}
    public func update(files done: Int, of total: Int, snapshots: Int) {}
    public func update(file: String, snapshots: Int) {}
    public func downloading(_ name: String, bytes: Int, of expected: Int?) {}
    public func step(_ what: String) {}
    public func finish() {}
}
