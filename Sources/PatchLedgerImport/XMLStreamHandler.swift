/// Receives the events of one streamed document. Names arrive as tokens: indexes into the name list the
/// handler gave the stream, or `nil` for names it did not ask for.
protocol XMLStreamHandler: AnyObject {
    func start(_ element: Int?, _ attributes: XMLAttributes, _ stream: XMLStream) throws
    func end(_ element: Int?, _ stream: XMLStream) throws
}
