import ArgumentParser
import PatchLedgerCLI
import PatchLedgerImport
import PatchLedgerKit

struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import catalogs, inventories and fleet manifests into the ledger.",
        subcommands: [ImportCatalog.self, ImportInventory.self, ImportFleet.self, ImportBuilds.self]
    )
}
