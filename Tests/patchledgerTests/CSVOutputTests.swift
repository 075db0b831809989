import PatchLedgerReport
import Testing

@Suite struct CSVOutputTests {
    @Test func cellsThatASpreadsheetWouldRunAreNeutralisedAndQuoted() {
        var table = TextTable(["vm", "title"])
        table.append(["=HYPERLINK(\"http://x\")", "+1"])
        table.append(["@SUM(A1)", "-2, \"quoted\""])
        table.append(["web-01", "plain"])
        #expect(
            table.renderCSV()
                == "vm,title\r\n\"'=HYPERLINK(\"\"http://x\"\")\",'+1\r\n'@SUM(A1),\"'-2, \"\"quoted\"\"\"\r\nweb-01,plain\r\n"
        )
    }
}
