import GRDB
import GRDBSQLite

enum BulkValue {
    case null
    case integer(Int64)
    case text(String)

    static func int(_ value: Int?) -> BulkValue { value.map { .integer(Int64($0)) } ?? .null }
    static func int64(_ value: Int64?) -> BulkValue { value.map { .integer($0) } ?? .null }
    static func bool(_ value: Bool?) -> BulkValue { value.map { .integer($0 ? 1 : 0) } ?? .null }
    static func string(_ value: String?) -> BulkValue { value.map { .text($0) } ?? .null }
}
