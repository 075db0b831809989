public enum PatchLedgerReport {}
