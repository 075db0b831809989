import ArgumentParser
import PatchLedgerCore

/// Option and argument parsers, so that every command reads dates, times, builds and KBs alike.
public enum ArgumentValue {
    public static func date(_ text: String) throws -> CalendarDate {
        guard let date = CalendarDate(parsing: text) else { throw ValidationError("not a date (YYYY-MM-DD): \(text)") }
        return date
    }

    public static func timestamp(_ text: String) throws -> Timestamp {
        guard let time = Timestamp(parsing: text) else { throw ValidationError("not a date or ISO 8601 time: \(text)") }
        return time
    }

    public static func build(_ text: String) throws -> OSVersion {
        guard let version = OSVersion(parsing: text) else { throw ValidationError("not a Windows build: \(text)") }
        return version
    }

    public static func kb(_ text: String) throws -> KB {
        guard let kb = KB(parsing: text) else { throw ValidationError("not a KB number: \(text)") }
        return kb
    }
}
