import Foundation
import Testing

/// Inputs at and past the limits: each works or stops with a clear error,
/// within bounded memory, without hanging.
@Suite(.serialized) struct LimitTests {
    static let persons = "id,name,kind\na,A,entity\nb,B,entity\nc,C,entity\n"

    /// 10^15 shares, and products far past 64 bits, computed exactly.
    /// c's note: $999,999,999.99 at $0.000001 = 999,999,999,990,000 shares;
    /// its denominator 10^15 + that = 1,999,999,999,990,000; 49.9999999999975% → 50.000000.
    /// a: 999,999,999,999,999 of 10^15 = 99.9999999999999% → 100.000000, printed 100.0%;
    /// b: 1 share of 10^15 → 0.000000, printed "less than 0.1%".
    @Test func numbersAtTheCap() throws {
        let dir = try Harness.makeCase([
            "classes.csv": "class,issuer,title,outstanding,as_of\nc,I,Common,\"1,000,000,000,000,000\",2025-01-01\n",
            "persons.csv": Self.persons,
            "holdings.csv": "holder,class,shares\na,c,\"999,999,999,999,999\"\nb,c,1\n",
            "convertibles.csv": "id,holder,kind,class,principal,conversion_price,issued\nn,c,note,c,\"$999,999,999.99\",0.000001,2024-01-01\n",
        ])
        let run = try Harness.run(["ownership", dir.path, "--format", "csv"])
        #expect(run.status == 0, "\(run.stderr)")
        let rows = Dictionary(uniqueKeysWithValues: Harness.records(run.stdout).map { ($0["person"]!, $0) })
        #expect(rows["a"]?["percent"] == "100.000000")
        #expect(rows["a"]?["percent_text"] == "100.0%")
        #expect(rows["b"]?["percent"] == "0.000000")
        #expect(rows["b"]?["percent_text"] == "less than 0.1%")
        #expect(rows["c"]?["aggregate"] == "999999999990000")
        #expect(rows["c"]?["denominator"] == "1999999999990000")
        #expect(rows["c"]?["percent"] == "50.000000")
    }

    /// Past the cap: a note converting into 2·10^15 shares stops the run at its row.
    @Test func conversionPastTheCap() throws {
        let dir = try Harness.makeCase([
            "classes.csv": "class,issuer,title,outstanding,as_of\nc,I,Common,100,2025-01-01\n",
            "persons.csv": Self.persons,
            "holdings.csv": "holder,class,shares\n",
            "convertibles.csv": "id,holder,kind,class,principal,conversion_price,issued\nn,a,note,c,\"$1,000,000,000,000,000\",0.5,2024-01-01\n",
        ])
        let run = try Harness.run(["ownership", dir.path])
        #expect(run.status == 65)
        #expect(run.stderr.contains("convertibles.csv:2:1: error: note \"n\" converts on 2025-01-01 into more than 10^15 shares"))
    }

    /// Holdings adding up past 10^15 in a ledger class are an input error, not an overflow.
    @Test func holdingsPastTheCap() throws {
        let lots = (0..<20).map { _ in "a,c,\"1,000,000,000,000,000\"" }.joined(separator: "\n")
        let dir = try Harness.makeCase([
            "classes.csv": "class,issuer,title,as_of\nc,I,Common,2025-01-01\n",
            "persons.csv": Self.persons, "holdings.csv": "holder,class,shares\n\(lots)\n",
        ])
        let run = try Harness.run(["validate", dir.path])
        #expect(run.status == 65)
        #expect(run.stderr.contains("classes.csv:2:1: error: holdings of class \"c\" add up to more than 10^15 shares"))
    }

    /// A control chain 100,000 deep (iterative look-through, no deep recursion):
    /// the top is attributed the bottom's 1,000 shares, in bounded memory.
    @Test func chainOneHundredThousandDeep() throws {
        let n = 100_000
        var persons = "id,name,kind\n", relations = "controller,controlled,role\n"
        for i in 0..<n { persons += "e\(i),E\(i),entity\n" }
        for i in 1..<n { relations += "e\(i),e\(i - 1),parent\n" }
        let dir = try Harness.makeCase([
            "classes.csv": "class,issuer,title,outstanding,as_of\nc,I,Common,\"1,000,000\",2025-01-01\n",
            "persons.csv": persons, "holdings.csv": "holder,class,shares\ne0,c,1000\n", "relations.csv": relations,
        ])
        let out = dir.appendingPathComponent("out.csv")
        let run = try Harness.runMeasured(["ownership", dir.path, "--format", "csv", "--output", out.path])
        #expect(run.status == 0)
        #expect(run.peakKiB < 1_048_576, "peak \(run.peakKiB) KiB")
        let text = try String(contentsOf: out, encoding: .utf8)
        #expect(text.contains("\nc,e\(n - 1),E\(n - 1),OO,,0,1000,0,1000,1000,"))
    }

    /// A cycle closing a 100,000-long chain is found and named without recursion.
    @Test func cycleOneHundredThousandLong() throws {
        let n = 100_000
        var persons = "id,name,kind\n", relations = "controller,controlled,role\n"
        for i in 0..<n { persons += "e\(i),E\(i),entity\n" }
        for i in 1..<n { relations += "e\(i),e\(i - 1),parent\n" }
        relations += "e0,e\(n - 1),parent\n"
        let dir = try Harness.makeCase([
            "classes.csv": "class,issuer,title,outstanding,as_of\nc,I,Common,1000,2025-01-01\n",
            "persons.csv": persons, "holdings.csv": "holder,class,shares\n", "relations.csv": relations,
        ])
        let run = try Harness.run(["validate", dir.path])
        #expect(run.status == 65)
        #expect(run.stderr.hasPrefix("relations.csv:\(n + 1):1: error: control cycle: "))
    }

    /// One person controlling 100,000 entities of one share each.
    @Test func oneControllerOfOneHundredThousand() throws {
        let n = 100_000
        var persons = "id,name,kind\ntop,Top,entity\n", holdings = "holder,class,shares\n", relations = "controller,controlled,role\n"
        for i in 0..<n {
            persons += "f\(i),F\(i),entity\n"
            holdings += "f\(i),c,1\n"
            relations += "top,f\(i),investment_adviser\n"
        }
        let dir = try Harness.makeCase([
            "classes.csv": "class,issuer,title,outstanding,as_of\nc,I,Common,\"1,000,000\",2025-01-01\n",
            "persons.csv": persons, "holdings.csv": holdings, "relations.csv": relations,
        ])
        let out = dir.appendingPathComponent("out.csv")
        let run = try Harness.runMeasured(["check", dir.path, "--threshold", "9.9", "--format", "csv", "--output", out.path])
        #expect(run.status == 1)  // top: 100,000 of 1,000,000 = 10%
        #expect(run.peakKiB < 1_048_576, "peak \(run.peakKiB) KiB")
        #expect(try String(contentsOf: out, encoding: .utf8).contains("c,top,Top,more than 9.9%,over,100000,1000000,10.000000,10.0%"))
    }

    /// A 100 MB field is refused at its start, reading no further, in bounded memory.
    @Test func oneHundredMegabyteField() throws {
        let dir = try Harness.makeCase(MalformedInputTests.base)
        var data = Data("holder,class,shares,note\nwelsh,c,100,".utf8)
        data.append(Data(repeating: UInt8(ascii: "x"), count: 100_000_000))
        data.append(Data("\n".utf8))
        try data.write(to: dir.appendingPathComponent("holdings.csv"))
        let measured = try Harness.runMeasured(["validate", dir.path])
        #expect(measured.status == 65)
        #expect(measured.peakKiB < 512 * 1024, "peak \(measured.peakKiB) KiB")
        let run = try Harness.run(["validate", dir.path])
        #expect(run.stderr.contains("holdings.csv:2:13: error: field is longer than the limit of 1048576 bytes"))
    }

    /// A million empty lines are skipped; the row after them keeps its line number.
    @Test func aMillionEmptyLines() throws {
        var files = MalformedInputTests.base
        files["holdings.csv"] = "holder,class,shares\n" + String(repeating: "\n", count: 1_000_000) + "welsh,c,12a\n"
        let dir = try Harness.makeCase(files)
        let measured = try Harness.runMeasured(["validate", dir.path])
        #expect(measured.status == 65)
        #expect(measured.peakKiB < 256 * 1024, "peak \(measured.peakKiB) KiB")
        let run = try Harness.run(["validate", dir.path])
        #expect(run.stderr.contains("holdings.csv:1000002:9: error: shares \"12a\" is not a whole number"))
    }
}

/// A run killed midway leaves the old output file or the whole new one.
@Suite(.serialized) struct InterruptedRunTests {
    @Test func killedMidwayLeavesOldOrWholeFile() throws {
        let dir = try Harness.holdersCase(40_000, classes: "class,issuer,title,as_of\nc,I,Common,2025-01-01\n")
        // Not in the case directory, where an unknown .csv file is an input error.
        let out = try Harness.temporaryDirectory().appendingPathComponent("out.csv")
        let whole = try Harness.run(["ownership", dir.path, "--format", "csv"]).stdout
        #expect(whole.count > 2_000_000)
        // Kill at fractions of an uninterrupted run's time; the last run is left to finish.
        let start = Date()
        _ = try Harness.run(["ownership", dir.path, "--format", "csv", "--output", out.path])
        let full = Date().timeIntervalSince(start)
        var sawOld = false, sawNew = false
        var endings: [String] = []
        for fraction in [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, nil] {
            let delay = full * (fraction ?? 0)
            try Data("old\n".utf8).write(to: out)
            let process = Process()
            process.executableURL = Harness.binary
            process.arguments = ["ownership", dir.path, "--format", "csv", "--output", out.path]
            process.environment = ["SWIFT_BACKTRACE": "enable=no"]
            try process.run()
            if fraction != nil {
                Thread.sleep(forTimeInterval: delay)
                kill(process.processIdentifier, SIGKILL)
            }
            process.waitUntilExit()
            let text = try String(contentsOf: out, encoding: .utf8)
            #expect(text == "old\n" || text == whole, "after \(delay) s: \(text.count) characters")
            let when = fraction.map { "\($0)" } ?? "to the end"
            endings.append("\(when): \(process.terminationReason == .uncaughtSignal ? "killed" : "exit \(process.terminationStatus)"), \(text == whole ? "new" : "old")")
            if text == "old\n" { sawOld = true } else if text == whole { sawNew = true }
        }
        #expect(sawOld)  // killed before the rename at least once
        #expect(sawNew, "\(endings), full run \(full) s")  // and finished at least once
    }
}
