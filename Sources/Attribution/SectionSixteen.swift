import CapTableCore

/// Section 16 of the Exchange Act: who is a ten percent owner.
///
/// Rule 16a-1(a)(1) (17 CFR 240.16a-1(a)(1)): "Solely for purposes of
/// determining whether a person is a beneficial owner of more than ten
/// percent of any class of equity securities registered pursuant to section
/// 12 of the Act, the term 'beneficial owner' shall mean any person who is
/// deemed a beneficial owner pursuant to section 13(d) of the Act and the
/// rules thereunder". Under section 13(d)(3) and Rule 13d-5(b)(1) a group is
/// a person that owns what every member owns, so a member of a group over
/// 10% is a ten percent owner though it alone is not.
///
/// Not modelled: the persons Rule 16a-1(a)(1)(i) to (x) exclude (brokers,
/// banks, insurance companies, investment advisers and the others holding
/// in the ordinary course without control purpose), and whether the class
/// is registered under section 12.
public enum SectionSixteen {
    /// Sets `tenPercentOwner` on every row: over 10% of the class by its own
    /// beneficial ownership (disclaimed shares included), or a member of a
    /// group over 10%.
    static func mark(_ rows: inout [OwnershipRow], groupRows: inout [OwnershipRow]) {
        let ten = Threshold.tenPercent
        var groupsOver = Set<Int>()
        for i in groupRows.indices where ten.isCrossed(by: groupRows[i].beneficialPercent) {
            groupRows[i].tenPercentOwner = true
            groupsOver.insert(groupRows[i].person)
        }
        for i in rows.indices {
            rows[i].tenPercentOwner = ten.isCrossed(by: rows[i].beneficialPercent)
                || (!rows[i].groups.isEmpty && rows[i].groups.contains { groupsOver.contains($0) })
        }
    }
}
