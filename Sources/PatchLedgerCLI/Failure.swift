import ArgumentParser
import Foundation
import PatchLedgerKit

/// Prints an error as one line on stderr and exits 2, the code for bad input and runtime errors.
///
/// A `ValidationError` passes through, and a `SelectionError` (a filter that names nothing) becomes one: the
/// parser reports it as a usage error, 64.
public func exitingOnError<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as ExitCode {
        throw error
    } catch let error as ValidationError {
        throw error
    } catch let error as SelectionError {
        throw ValidationError(error.description)
    } catch {
        printError("Error: \(error)")
        throw ExitCode(2)
    }
}

/// `exitingOnError` for async work.
public func exitingOnError<T>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let error as ExitCode {
        throw error
    } catch let error as ValidationError {
        throw error
    } catch let error as SelectionError {
        throw ValidationError(error.description)
    } catch {
        printError("Error: \(error)")
        throw ExitCode(2)
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
