public enum PatchLedgerStore {}
