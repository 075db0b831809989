import ArgumentParser

struct Fetch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Download catalogs from their sources (or a mirror), only what changed, and import them.",
        subcommands: [FetchMSRC.self, FetchWSUS.self]
    )
}
