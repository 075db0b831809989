/// PatchLedger's model and evaluation logic, free of C, SQL and I/O.
///
/// The data flows one way: **read** (PatchLedgerImport streams XML, CSV and text into the records
/// defined here) → **store** (PatchLedgerStore writes them to the SQLite ledger) → **evaluate**
/// (compliance, lag and drift, here) → **render** (PatchLedgerReport). Readers hand records to a sink,
/// so each stage is testable without the others.
public enum PatchLedgerCore {}
