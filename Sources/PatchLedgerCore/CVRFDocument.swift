/// One MSRC CVRF document as read: its tracking data, product tree and vulnerabilities.
///
/// CVRF documents are a few MB, so the reader streams the XML but hands the store one whole document: the
/// store then compares it with the revision it holds before touching anything.
public struct CVRFDocument: Sendable, Equatable {
    /// `DocumentTracking/Identification/ID`, e.g. `2018-FEB` (letter case varies between months).
    public var id: String = ""
    public var title: String = ""
    public var revision: String = ""
    public var initialRelease: CalendarDate?
    public var currentRelease: CalendarDate?
    public var products: [CVRFProduct] = []
    public var vulnerabilities: [CVRFVulnerability] = []

    public init() {}
}
