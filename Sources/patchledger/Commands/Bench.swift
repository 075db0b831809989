import ArgumentParser

struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Measure import speed against xmllint's parse floor.")

    func run() async throws {
        throw ValidationError("not built yet")
    }
}
