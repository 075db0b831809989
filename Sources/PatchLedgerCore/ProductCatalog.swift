/// Everything the catalog says about one product (a VM's OS): its updates and their servicing model.
public struct ProductCatalog: Sendable {
    public var product: String
    public var servicing: Servicing
    public var updates: [CatalogUpdate]

    public init(product: String, updates: [CatalogUpdate]) {
        self.product = product
        self.servicing = Servicing(product: product)
        self.updates = updates
    }
}
