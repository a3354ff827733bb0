import AlongsideCore

/// "Are the most deprived heard?": who took part by the deprivation fifth of where they live, beside the place's
/// own share, every number suppressed as DESIGN.md says.
enum ParticipationTable {
    @HTMLContent
    static func render(_ p: Participation, who: String) -> [Node] {
        el("h2", .id("participation")) { "Who took part, by how deprived their area is" }
        el("p") {
            "\(who.prefix(1).uppercased() + who.dropFirst()) by the fifth of England their home's area (LSOA) falls in on the Index of Multiple Deprivation 2019, beside the share of this place's areas in each fifth (areas hold similar numbers of people). Counts from 1 to 7 are shown as *, others rounded to the nearest 5."
        }
        scrollingTable("Who took part by deprivation fifth") {
            el("thead") {
                el("tr") {
                    for heading in ["Deprivation fifth", who.prefix(1).uppercased() + who.dropFirst(), "Share of \(who)", "Share of the place"] {
                        el("th", .init("scope", "col")) { heading }
                    }
                }
            }
            el("tbody") {
                for row in p.rows {
                    el("tr") { el("td") { row.quintile }; el("td") { row.people }; el("td") { row.share }; el("td") { row.place } }
                }
                el("tr") { el("td") { "Not known" }; el("td") { SmallNumbers.shown(p.unknown) }; el("td") { "" }; el("td") { "" } }
            }
        }
    }
}
