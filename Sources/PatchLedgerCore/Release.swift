/// One release of a Windows build line as Microsoft's update history lists it:
/// `LTSC 2023-07 B 2023-07-11 17763.4645 KB5028168`.
public struct Release: Hashable, Sendable {
    /// Its product line (`ReleaseLine`), or `ReleaseLine.unknown`.
    public var line: String
    public var channel: String
    public var month: String
    /// `B` (Patch Tuesday security release), `C`/`D` (previews), `OOB` (out of band)…
    public var type: String
    public var date: CalendarDate
    public var build: Int
    public var ubr: Int
    /// `nil` for a general-availability build (type `A`), which ships in images, not as an update.
    public var kb: KB?

    public init(
        line: String, channel: String, month: String, type: String, date: CalendarDate, build: Int, ubr: Int, kb: KB?
    ) {
        self.line = line
        self.channel = channel
        self.month = month
        self.type = type
        self.date = date
        self.build = build
        self.ubr = ubr
        self.kb = kb
    }

    /// Patch Tuesday's security release.
    public var isSecurityRelease: Bool { type.uppercased() == "B" }
}
