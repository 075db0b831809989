import ArgumentParser
import Foundation
import PatchLedgerKit

/// Prints an error as one line on stderr and exits 2, the code for bad input and runtime errors.
///
/// A `ValidationError` passes through, and a `SelectionError` (a filter that names nothing) becomes one: the
/// parser reports it as a usage error, 64.
public func exitingOnError<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch { throw exitError(error) }
}

/// `exitingOnError` for async work.
public func exitingOnError<T>(_ body: () async throws -> T) async throws -> T {
    do { return try await body() } catch { throw exitError(error) }
}

/// What a command throws for `error`: exit codes and usage errors as they are, anything else said on stderr and
/// turned into exit 2.
private func exitError(_ error: any Error) -> any Error {
    switch error {
    case is ExitCode, is ValidationError: return error
    case let selection as SelectionError: return ValidationError(selection.description)
    default:
        printError("Error: \(error)")
        return ExitCode(2)
    }
}

public func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

/// A failure a command detects itself, printed as its one-line description.
public struct ValidationFailure: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
