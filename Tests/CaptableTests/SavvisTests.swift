import Testing

/// The seed: Amendment No. 1 to the Schedule 13D of the Welsh, Carson,
/// Anderson & Stowe funds on SAVVIS common stock (March 14, 2001). Every
/// figure below is printed in the filing: cover pages 2 to 8 and Item 5(a).
@Suite struct SavvisTests {
    static let ownership: [String: [String: String]] = {
        let run = try! Harness.run(["ownership", "Inputs/savvis-2001", "--format", "csv"])
        return Dictionary(uniqueKeysWithValues: Harness.records(run.stdout).map { ($0["person"]!, $0) })
    }()

    /// Cover pages: rows 7, 8, 9, 10, 11 and 13, "-0-" shared.
    @Test(arguments: [
        ("wcas8", "20762457", "19.2%"),       // page 2-3
        ("wcas7", "3475566", "3.7%"),         // page 4
        ("wcas6", "4635958", "4.9%"),         // page 5
        ("wcas-cp2", "667761", "0.7%"),       // page 6
        ("wcas-ip", "65357", "less than 0.1%"),  // page 7
        ("wcas-mgmt", "4571", "less than 0.1%"), // page 8
    ])
    func coverPage(person: String, shares: String, percent: String) throws {
        let row = try #require(Self.ownership[person])
        #expect(row["sole_voting"] == shares)
        #expect(row["shared_voting"] == "0")
        #expect(row["sole_dispositive"] == shares)
        #expect(row["shared_dispositive"] == "0")
        #expect(row["aggregate"] == shares)
        #expect(row["percent_text"] == percent)
        #expect(row["group"] == "wcas-group")  // row 2, box (a)
    }

    /// Item 5(a): the general partners "may be deemed to beneficially own"
    /// what their funds own; each individual's total includes his note.
    @Test(arguments: [
        ("viii-associates", "20762457", "19.2%"), ("vii-partners", "3475566", "3.7%"),
        ("vi-partners", "4635958", "4.9%"), ("cp2-partners", "667761", "0.7%"),
        ("info-partners", "65357", "less than 0.1%"),
        ("welsh", "198832", "0.2%"), ("carson", "173180", "0.2%"), ("anderson", "214054", "0.2%"),
        ("stowe", "19470", "less than 0.1%"), ("paul", "124847", "0.1%"), ("mcinerney", "173180", "0.2%"),
        ("vanburen", "1335", "less than 0.1%"), ("hoover", "12931", "less than 0.1%"),
        ("minicucci", "59711", "less than 0.1%"), ("denicola", "24993", "less than 0.1%"),
        ("queally", "5221", "less than 0.1%"), ("sorrel", "15238", "less than 0.1%"),
        ("rupert", "7684", "less than 0.1%"), ("rather", "1523", "less than 0.1%"),
    ])
    func item5(person: String, shares: String, percent: String) throws {
        let row = try #require(Self.ownership[person])
        #expect(row["aggregate"] == shares)
        #expect(row["percent_text"] == percent)
    }

    /// Of the entities, only WCAS VIII (19.2%) and its general partner
    /// cross 5% and 10%; none reaches 20%.
    @Test func thresholds() {
        let entities = ["wcas8", "wcas7", "wcas6", "wcas-cp2", "wcas-ip", "wcas-mgmt",
                        "viii-associates", "vii-partners", "vi-partners", "cp2-partners", "info-partners"]
        for person in entities {
            let row = Self.ownership[person]
            let big = person == "wcas8" || person == "viii-associates"
            #expect(row?["over_5"] == (big ? "yes" : "no"), "\(person)")
            #expect(row?["over_10"] == (big ? "yes" : "no"), "\(person)")
            #expect(row?["at_20"] == "no", "\(person)")
        }
    }

    /// The individuals disclaim the funds' shares (Item 5(a)), but a
    /// disclaimer (Rule 13d-4) exempts no one: their thresholds count them.
    /// Each figure is the individual's own shares in Item 5(a) plus the
    /// cover-page aggregates of the funds whose general partner it manages;
    /// the denominator adds every right among them (13d-3(d)(1)(i)).
    @Test(arguments: [
        // Welsh manages every general partner: 198,832 + the group's 29,611,670 (27.5%).
        ("welsh", 198_832 + 29_611_670, 93_840_935 + 134_704 + 14_512_457 + 4_571, true, true, true),
        // Stowe: 19,470 + every fund but WCAS Information Partners (65,357) and WCAS Management (4,571).
        ("stowe", 19_470 + 29_611_670 - 65_357 - 4_571, 93_840_935 + 14_512_457, true, true, true),
        // deNicola: 24,993 + WCAS VIII's 20,762,457 (19.2%): over 10%, under 20%.
        ("denicola", 24_993 + 20_762_457, 93_840_935 + 15_238 + 14_512_457, true, true, false),
        // Paul disclaims nothing: 124,847 (0.1%).
        ("paul", 124_847, 93_840_935 + 102_400, false, false, false),
    ])
    func individualsCountWhatTheyDisclaim(person: String, owned: Int, denominator: Int, over5: Bool, over10: Bool, at20: Bool) throws {
        let row = try #require(Self.ownership[person])
        #expect(row["beneficially_owned"] == String(owned))
        // owned × 100 / denominator to six decimals, half up, in integers.
        let millionths = (owned * 100_000_000 * 2 + denominator) / (2 * denominator)
        let decimals = String(millionths % 1_000_000)
        #expect(row["beneficial_percent"] == "\(millionths / 1_000_000)." + String(repeating: "0", count: 6 - decimals.count) + decimals)
        #expect(row["over_5"] == (over5 ? "yes" : "no"))
        #expect(row["over_10"] == (over10 ? "yes" : "no"))
        #expect(row["at_20"] == (at20 ? "yes" : "no"))
        // Rows 7 to 11 still leave the disclaimed shares out (Item 5(a) as filed).
        #expect(row["aggregate"] != String(owned) || owned == 124_847)
    }

    /// The six filing entities as a group: 29,611,670 shares, 27.3% of
    /// 93,840,935 plus the 14,512,457 + 4,571 shares their notes convert into.
    @Test func group() throws {
        let row = try #require(Self.ownership["wcas-group"])
        #expect(row["aggregate"] == "29611670")
        #expect(row["denominator"] == String(93_840_935 + 14_517_028))
        #expect(row["acquirable"] == "14517028")
        #expect(row["percent_text"] == "27.3%")
        #expect(row["at_20"] == "yes")
    }

    /// Rule 13d-3(d)(1)(i): WCAS VIII's denominator adds its own note's
    /// shares and nobody else's; WCAS VII holds no right, so its base is the
    /// 93,840,935 outstanding alone.
    @Test func perPersonDenominator() throws {
        #expect(Self.ownership["wcas8"]?["denominator"] == String(93_840_935 + 14_512_457))
        #expect(Self.ownership["viii-associates"]?["denominator"] == String(93_840_935 + 14_512_457))
        #expect(Self.ownership["wcas7"]?["denominator"] == "93840935")
        #expect(Self.ownership["welsh"]?["denominator"] == String(93_840_935 + 134_704))
    }

    /// Item 5(b): the individuals disclaim the funds' shares (row 12).
    @Test func disclaimers() throws {
        let welsh = try #require(Self.ownership["welsh"])
        #expect(welsh["excluded"] != "0")
        #expect(welsh["shared_voting"] == "0")
    }

    /// The cap table: 93,840,935 outstanding (Exhibit B, section 2.03(a)),
    /// options on 8,732,537 (section 2.03(b)), the twenty notes of Exhibit C
    /// converted one by one at $1 5/16 with fractions dropped.
    @Test func capTable() throws {
        let run = try Harness.run(["cap-table", "Inputs/savvis-2001", "--format", "csv"])
        #expect(run.status == 0)
        let rows = Harness.records(run.stdout)
        let total = try #require(rows.first { $0["line"] == "total" })
        #expect(total["shares"] == "93840935")
        #expect(total["options"] == "8732537")
        #expect(total["as_converted"] == "15238084")
        #expect(total["fully_diluted"] == "117811556")
        // R-01: $19,047,600 / $1 5/16 = 14,512,457.14…
        #expect(rows.first { $0["holder"] == "wcas8" }?["as_converted"] == "14512457")
    }
}

/// Item 5(c): the reporting persons' transactions in the 60 days up to a date.
@Suite struct SavvisTransactionTests {
    /// As of the filing's date, March 14, 2001: the closing's note purchases by WCAS VIII ($19,047,600)
    /// and WCAS Management ($359,600, Schedule I), and WCAS Management's two transfers of $176,800
    /// (together the $353,600 of Item 5(c)). The individuals are not reporting persons.
    @Test func itemFiveC() throws {
        let run = try Harness.run(["transactions", "Inputs/savvis-2001", "--as-of", "2001-03-14", "--format", "csv"])
        #expect(run.status == 0)
        let rows = Harness.records(run.stdout)
        #expect(rows.map { "\($0["person"]!) \($0["event"]!) \($0["instrument"]!) \($0["principal"]!)" } == [
            "wcas8 issue R-01 $19,047,600.00",
            "wcas-mgmt issue R-20 $359,600.00",
            "wcas-mgmt transfer R-20 (part: R-02) $176,800.00",
            "wcas-mgmt transfer R-20 (part: R-06) $176,800.00",
        ])
        #expect(rows[2]["counterparty"] == "welsh")
        #expect(rows[3]["counterparty"] == "mcinerney")
    }

    /// "During the past sixty days", day 60 included: February 20 + 60 days is April 21, so the
    /// closing's four transactions are in the window as of April 21 and out of it on April 22.
    @Test func sixtyDayWindow() throws {
        let inside = try Harness.run(["transactions", "Inputs/savvis-2001", "--as-of", "2001-04-21", "--format", "csv"])
        #expect(Harness.records(inside.stdout).count == 4)
        let outside = try Harness.run(["transactions", "Inputs/savvis-2001", "--as-of", "2001-04-22", "--format", "csv"])
        #expect(Harness.records(outside.stdout).isEmpty)
    }

    /// Price, purchase or sale, the window since the most recent Schedule 13D, and a person named
    /// in Item 5(a) who is no reporting person (a fund whose general partner reports), by hand:
    /// - the fund buys 1,000 shares from `seller` at $12.50 on March 1, 2026 and sells 400 at
    ///   $13.25 on March 20 (both in the 60 days to April 15);
    /// - with no filing, both are in the window; once filings.csv has the fund's Schedule 13D/A
    ///   for an event of March 10, 2026, only the sale after it ("since the most recent filing,
    ///   whichever is less").
    @Test func priceNatureAndWindowSinceTheLastFiling() throws {
        let dir = try Harness.makeCase([
            "classes.csv": "class,issuer,title,outstanding,as_of\nc,I,Common,\"10,000\",2026-04-15\n",
            "persons.csv": "id,name,kind,reporting\nfund,Fund,entity,no\ngp,GP,entity,yes\nseller,Seller,entity,no\nbuyer,Buyer,entity,no\n",
            "holdings.csv": "holder,class,shares\nseller,c,\"10,000\"\n",
            "relations.csv": "controller,controlled,role\ngp,fund,general_partner\n",
            "transactions.csv": "date,event,class,shares,from,to,price\n2026-03-01,transfer,c,\"1,000\",seller,fund,$12.50\n2026-03-20,transfer,c,400,fund,buyer,13 1/4\n",
        ])
        func rows() throws -> [String] {
            let run = try Harness.run(["transactions", dir.path, "--as-of", "2026-04-15", "--format", "csv"])
            #expect(run.status == 0, "\(run.stderr)")
            return Harness.records(run.stdout).map { "\($0["date"]!) \($0["person"]!) \($0["nature"]!) \($0["shares"]!) \($0["price"]!)" }
        }
        #expect(try rows() == ["2026-03-01 fund purchase 1000 $12.5000", "2026-03-20 fund sale 400 $13.2500"])
        try "person,class,form,filed,event_date\nfund,c,13D/A,2026-03-11,2026-03-10\n"
            .write(to: dir.appendingPathComponent("filings.csv"), atomically: true, encoding: .utf8)
        #expect(try rows() == ["2026-03-20 fund sale 400 $13.2500"])
    }

    /// Before the closing the notes do not exist: the day before, WCAS VIII owns its 6,250,000 shares only.
    @Test func beforeTheClosing() throws {
        let run = try Harness.run(["ownership", "Inputs/savvis-2001", "--as-of", "2001-02-19", "--format", "csv"])
        let wcas8 = try #require(Harness.records(run.stdout).first { $0["person"] == "wcas8" })
        #expect(wcas8["aggregate"] == "6250000")
        #expect(wcas8["denominator"] == "93840935")
    }
}
