/// EDGAR's state and country codes, for Schedule 13D row 6 / 13G row 4 in XML.
///
/// Derived from `citizenship` for the US states, the United States itself,
/// the Canadian provinces and the countries listed here; any other place
/// needs `citizenship_code` in persons.csv.
public enum EDGARCodes {
    static let places: [String: String] = [
        "Alabama": "AL", "Alaska": "AK", "Arizona": "AZ", "Arkansas": "AR", "California": "CA", "Colorado": "CO",
        "Connecticut": "CT", "Delaware": "DE", "District of Columbia": "DC", "Florida": "FL", "Georgia": "GA",
        "Hawaii": "HI", "Idaho": "ID", "Illinois": "IL", "Indiana": "IN", "Iowa": "IA", "Kansas": "KS",
        "Kentucky": "KY", "Louisiana": "LA", "Maine": "ME", "Maryland": "MD", "Massachusetts": "MA",
        "Michigan": "MI", "Minnesota": "MN", "Mississippi": "MS", "Missouri": "MO", "Montana": "MT",
        "Nebraska": "NE", "Nevada": "NV", "New Hampshire": "NH", "New Jersey": "NJ", "New Mexico": "NM",
        "New York": "NY", "North Carolina": "NC", "North Dakota": "ND", "Ohio": "OH", "Oklahoma": "OK",
        "Oregon": "OR", "Pennsylvania": "PA", "Rhode Island": "RI", "South Carolina": "SC", "South Dakota": "SD",
        "Tennessee": "TN", "Texas": "TX", "Utah": "UT", "Vermont": "VT", "Virginia": "VA", "Washington": "WA",
        "West Virginia": "WV", "Wisconsin": "WI", "Wyoming": "WY", "Guam": "GU", "Puerto Rico": "PR",
        "United States": "X1", "United States of America": "X1", "USA": "X1", "U.S.A.": "X1",
        "Alberta": "A0", "British Columbia": "A1", "Manitoba": "A2", "New Brunswick": "A3",
        "Newfoundland": "A4", "Nova Scotia": "A5", "Ontario": "A6", "Prince Edward Island": "A7",
        "Quebec": "A8", "Saskatchewan": "A9", "Yukon": "B0", "Canada": "Z4",
        "Australia": "C3", "Austria": "C4", "Belgium": "C9", "Bermuda": "D0", "Brazil": "D5",
        "British Virgin Islands": "D8", "Cayman Islands": "E9", "China": "F4", "Taiwan": "F5", "Denmark": "G7",
        "Finland": "H9", "France": "I0", "Germany": "2M", "Greece": "J3", "Hong Kong": "K3", "Hungary": "K5",
        "India": "K7", "Indonesia": "K8", "Ireland": "L2", "Israel": "L3", "Italy": "L6", "Japan": "M0",
        "Korea, Republic of": "M5", "South Korea": "M5", "Luxembourg": "N4", "Malaysia": "N8", "Mexico": "O5",
        "Netherlands": "P7", "New Zealand": "Q2", "Norway": "Q8", "Philippines": "R6", "Poland": "R9",
        "Portugal": "S1", "Russian Federation": "1Z", "Singapore": "U0", "South Africa": "T3", "Spain": "U3",
        "Sweden": "V7", "Switzerland": "V8", "Turkey": "W8", "United Kingdom": "X0",
    ]

    /// The code for a place name, ignoring case; nil when not listed.
    public static func code(for place: String) -> String? { byLowercasedPlace[place.lowercased()] }

    /// `places` by their names in lower case (no two the same), made once:
    /// a book of a hundred thousand persons looks a place up for each.
    static let byLowercasedPlace: [String: String] = Dictionary(uniqueKeysWithValues: places.map { ($0.key.lowercased(), $0.value) })

    /// Two characters, upper-case letters or digits.
    public static func isCode(_ text: String) -> Bool {
        text.count == 2 && text.allSatisfy { ($0.isASCII && $0.isUppercase) || $0.isASCIIDigit }
    }
}
