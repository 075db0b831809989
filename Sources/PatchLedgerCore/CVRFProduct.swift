public struct CVRFProduct: Sendable, Equatable {
    /// MSRC's ProductID; composite ids such as `10486-10816` name an application on an OS.
    public var productID: String
    public var name: String
    public var family: String?

    public init(productID: String, name: String, family: String?) {
        self.productID = productID
        self.name = name
        self.family = family
    }
}
