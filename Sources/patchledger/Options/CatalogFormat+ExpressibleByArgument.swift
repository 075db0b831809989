import ArgumentParser
import PatchLedgerCLI
import PatchLedgerImport
import PatchLedgerKit

extension CatalogFormat: ExpressibleByArgument {}
