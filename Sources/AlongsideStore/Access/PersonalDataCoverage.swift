import Foundation

/// Where each table of the store appears in a person's download — or why it holds nothing about a person.
/// A test walks the database's own list of tables and fails on any table in neither list, and checks each
/// covered table's rows about a person against the download, so a new kind of record cannot be left out.
public enum PersonalDataCoverage {
    /// How a table's rows are tied to a person.
    public enum Link: Sendable, Equatable {
        /// The row's id is the person's.
        case id
        /// Any of these columns holds the person's id.
        case person([String])
        /// The column holds one of the person's referrals.
        case referral(String)
        /// The column holds the person's account.
        case account(String)
        /// The column holds the person's email address (their account's, or one given on a referral about them).
        case email(String)
        /// The column holds a row of `table` whose `person_id` is the person's.
        case through(table: String, column: String)
    }

    /// Table → (where in the download, as a path such as `referrals[].moves`; how rows tie to the person).
    public static let covered: [String: (section: String, link: Link)] = [
        "people": ("person", .id),
        "accounts": ("account", .person(["person_id"])),
        "role_grants": ("account.roles", .account("account_id")),
        "audit_events": ("access_history", .person(["subject_person_id"])),
        "referrals": ("referrals", .person(["person_id"])),
        "episode_moves": ("referrals[].moves", .referral("referral_id")),
        "episode_contacts": ("referrals[].contacts", .referral("referral_id")),
        "episode_codes": ("referrals[].codes", .referral("referral_id")),
        "what_matters": ("referrals[].what_matters", .referral("referral_id")),
        "community_referrals": ("referrals[].community_referrals", .referral("referral_id")),
        "gp_messages": ("referrals[].gp_messages", .referral("referral_id")),
        "episode_additions": ("referrals[].you_added", .referral("referral_id")),
        "community_attendance": ("referrals[].community_referrals[].register", .referral("referral_id")),
        "plans": ("plan", .person(["person_id"])),
        "plan_versions": ("plan_history", .person(["person_id"])),
        "measures": ("measures", .person(["person_id"])),
        "wellbeing_pairs": ("referrals[].wellbeing", .referral("referral_id")),
        "carer_links": ("carer_links", .person(["carer_id", "cared_for_id"])),
        "contingency_plans": ("contingency_plan", .person(["carer_id"])),
        "sessions": ("sessions", .account("account_id")),
        "sign_in_attempts": ("sign_in_attempts", .email("email")),
        "password_resets": ("password_resets", .account("account_id")),
        "invitations": ("invitations", .email("email")),
        "outbox_messages": ("emails", .email("recipient")),
        "proposals": ("proposals", .person(["author_id"])),
        "proposal_supports": ("proposals_supported", .person(["person_id"])),
        "budget_projects": ("budget_ideas", .person(["proposed_by"])),
        "budget_ballots": ("budget_ballots", .person(["person_id"])),
        "election_candidates": ("candidacies", .person(["person_id"])),
        "election_voters": ("elections_voted_in", .person(["person_id"])),
        "report_backs": ("report_backs", .person(["person_id"])),
        "proposal_reports": ("proposals_reported", .person(["reporter_id"])),
        "collaborative_pairs": ("collaborative_pairs", .person(["resident_id", "professional_id"])),
        "pair_updates": ("pair_updates", .person(["author_id"])),
        "proposal_comments": ("comments", .person(["author_id"])),
        "comment_reports": ("comments_reported", .person(["reporter_id"])),
        "panel_questions": ("questions_to_representatives", .person(["asked_by"])),
        "timebank_accounts": ("time_bank", .id),
        "timebank_legs": ("time_bank_statement", .person(["account_id"])),
        "timebank_transfers": ("time_bank_transfers", .person(["from_account", "to_account"])),
        "timebank_exchanges": ("time_bank_exchanges", .person(["payer_id", "receiver_id"])),
        "timebank_posts": ("time_bank_posts", .person(["member_id"])),
        "timebank_reports": ("time_bank_reports", .person(["reporter_id", "about_id"])),
        "volunteers": ("volunteering", .person(["person_id"])),
        "volunteer_hours": ("volunteering[].hours", .through(table: "volunteers", column: "volunteer_id")),
        "training_places": ("training_places", .person(["person_id"])),
        "practice_clinicians": ("gp_practice", .person(["person_id"])),
    ]

    /// Tables that hold nothing about a person, and why.
    public static let notAboutAPerson: [String: String] = [
        "organisations": "the directory: organisations, public",
        "services": "the directory: services, public",
        "locations": "the directory: places, public",
        "schedules": "the directory: when services run, public",
        "service_at_locations": "the directory: which service is where, public",
        "service_taxonomy_terms": "the directory: how services are categorised",
        "taxonomies": "the directory's categories",
        "taxonomy_terms": "the directory's categories",
        "listing_changes": "changes to public listings, kept with the listing's history",
        "listing_versions": "earlier versions of public listings",
        "postcodes": "Ordnance Survey Code-Point Open: postcodes and where they are",
        "lsoas": "ONS areas and the Indices of Deprivation",
        "job_leases": "which server runs each background job",
        "pending_registrations": "a registration waiting for its emailed link: not yet a person or an account, deleted when the link is used or within a day",
        "idempotency_keys": "an API answer kept for a day so a retried request gets the same answer; the request it answers is in the download",
        "public_submissions": "when the public form was used from a network address, to limit floods; deleted after a day",
        "directory_changes": "which listings changed, so cached searches know to refresh",
        "directory_version": "a counter of directory changes, for the search cache",
        "moderation_decisions": "moderators' decisions on proposals with their public reasons; each is in the audit log of the proposal's author",
        "voice_settings": "the proposal thresholds an administrator set",
        "category_owners": "which organisation answers proposals about each category",
        "community_results": "what accepted proposals and funded projects became, public",
        "result_milestones": "results' dated milestones, public", "result_updates": "results' progress updates, public",
        "pair_links": "which proposals and results a collaborative pair led to, public",
        "panels": "panels of representatives: their area, seats and terms, public",
        "panel_elections": "panel elections' days and seats, public",
        "election_ballot_boxes": "secret ballots: rankings with no voter, no time and no order, so none is about anyone who can be named",
        "proposal_calls": "calls for proposals the health system makes: what is asked, where and until when, public",
        "budget_rounds": "community budget rounds: their money, area, days and rules, public",
        "rooms": "rooms organisations share, public", "room_series": "groups' regular bookings of rooms, public",
        "room_bookings": "rooms booked by groups (organisations, not people), public",
        "volunteer_roles": "volunteering roles organisations post, public",
        "training_sessions": "training sessions organisations open to community leaders, public",
        "practices": "the place's GP practices and their networks; which clinicians work at each is in the clinician's download",
        "timebank_settings": "the time bank's usual lowest balance a coordinator set",
        "proposal_answers": "the health system's public answers to proposals; who answered is in the audit log, the proposal in its author's download",
        // SQLite's full-text index of service names and descriptions (PostgreSQL keeps it in the services table).
        "service_text": "the directory's full-text index, public", "service_text_config": "the directory's full-text index",
        "service_text_content": "the directory's full-text index", "service_text_data": "the directory's full-text index",
        "service_text_docsize": "the directory's full-text index", "service_text_idx": "the directory's full-text index",
    ]
}
