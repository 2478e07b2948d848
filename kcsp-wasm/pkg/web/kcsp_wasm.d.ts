/* tslint:disable */
/* eslint-disable */

/** Money as a decimal string of pounds and pence, e.g. "26440.00". */
export type Money = string;
/** A percentage as a decimal string with two places, e.g. "16.67". */
export type Percent = string;
/** An ISO date, YYYY-MM-DD. */
export type NaiveDate = string;
/** A financial year such as "2022/23". */
export type FinancialYear = string;
/** The columns quorumBatch returns, one entry per meeting. */
export interface QuorumBatchColumns {
    meeting_id: string[];
    date: string[];
    quorate: Uint8Array;
    count: Uint32Array;
    required: Uint32Array;
    missing: string[];
    reason: string[];
}
/** The error every function throws: a JavaScript Error with a stable code. */
export interface KcspError extends Error {
    code: string;
    field: string;
    details: Record<string, string>;
}


/**
 * A bank holiday: its date and name.
 */
export interface BankHoliday {
    /**
     * The date.
     */
    date: NaiveDate;
    /**
     * Its name.
     */
    name: string;
}

/**
 * A body id: `kcsp`, `working_group`, `dhr_steering_group`.
 *
 * ```
 * use kcsp_core::BodyId;
 * assert_eq!(BodyId::parse("body", "cabinet!").unwrap_err().code(), "unknown_body");
 * ```
 */
export type BodyId = string;

/**
 * A case and the date to evaluate it for.
 */
export interface DhrCaseInput {
    /**
     * The case.
     */
    case: CaseInput;
    /**
     * YYYY-MM-DD.
     */
    as_of: string;
}

/**
 * A case with a missed deadline.
 */
export interface OverdueCase {
    /**
     * The case reference.
     */
    reference: string;
    /**
     * Which deadline.
     */
    deadline: DeadlineKind;
    /**
     * When it was due.
     */
    due: NaiveDate;
}

/**
 * A case's deadlines as of a date.
 */
export interface Deadlines {
    /**
     * The protocol version applied.
     */
    protocol: string;
    /**
     * What the review is called under it.
     */
    review_name: string;
    /**
     * When the decision is due (extended, if it was).
     */
    decision_due: NaiveDate;
    /**
     * When it was due before any extension.
     */
    decision_due_original: NaiveDate;
    /**
     * Whether the decision is (or was made) late.
     */
    decision_overdue: boolean;
    /**
     * When the overview report is due; `None` unless commissioned.
     */
    report_due: NaiveDate | undefined;
    /**
     * When it was due before any extension.
     */
    report_due_original: NaiveDate | undefined;
    /**
     * Whether the report is (or was submitted) late.
     */
    report_overdue: boolean;
    /**
     * The extensions applied.
     */
    extensions: Extension[];
    /**
     * Which clause applied and why.
     */
    explanation: Explanation;
}

/**
 * A case's status as of a date.
 */
export interface CaseStatus {
    /**
     * The reference.
     */
    reference: string;
    /**
     * The last stage reached, other than `home_office_informed`.
     */
    stage: Stage;
    /**
     * Whether the Home Office was informed.
     */
    home_office_informed: boolean;
    /**
     * What may come next.
     */
    next_allowed: Stage[];
    /**
     * Deadlines under the protocol version in force at notification.
     */
    deadlines: Deadlines;
    /**
     * Actions not yet complete.
     */
    open_actions: number;
    /**
     * Whether the case could close now.
     */
    can_close: boolean;
    /**
     * Why.
     */
    explanation: Explanation;
}

/**
 * A case.
 */
export interface CaseInput {
    /**
     * A published pseudonym and year at most.
     */
    reference?: string;
    /**
     * Events in date order.
     */
    events: CaseEventInput[];
    /**
     * Agreed extensions.
     */
    extensions?: ExtensionInput[];
    /**
     * The action plan.
     */
    actions?: ActionInput[];
}

/**
 * A clause of a source document, cited by title, date and section, with the
 * library's own one-line summary of what it says.
 *
 * ```
 * use kcsp_core::Citation;
 * let c = Citation::new("KCSP Terms of Reference (reviewed 14 July 2022)", "§7 Meetings", "Four of the responsible authorities make a quorum.");
 * assert!(c.to_string().starts_with("KCSP Terms of Reference (reviewed 14 July 2022), §7 Meetings"));
 * ```
 */
export interface Citation {
    /**
     * The document's title and date.
     */
    document: string;
    /**
     * The section, paragraph or minute.
     */
    section: string;
    /**
     * What the clause says, in the library's words.
     */
    summary: string;
}

/**
 * A condition on the tactical pot, as the caller knows it.
 */
export type Gate = { gate: "earlier_projects_complete"; met: boolean } | { gate: "upfront_cases_decided"; met: boolean } | { gate: "closed_by_opcc"; from: NaiveDate };

/**
 * A date.
 */
export interface DateInput {
    /**
     * YYYY-MM-DD.
     */
    date: string;
}

/**
 * A dated event in a case's timeline.
 */
export interface CaseEvent {
    /**
     * When.
     */
    date: NaiveDate;
    /**
     * Which stage was reached.
     */
    stage: Stage;
}

/**
 * A dated event.
 */
export interface CaseEventInput {
    /**
     * YYYY-MM-DD.
     */
    date: string;
    /**
     * A stage name.
     */
    stage: string;
}

/**
 * A figure a report states.
 */
export interface StatedFigureInput {
    /**
     * `tactical_pot`, `upfront_approved`, ...
     */
    figure: string;
    /**
     * Decimal string.
     */
    amount: string;
    /**
     * Where it is stated.
     */
    source?: string;
}

/**
 * A figure as a report states it.
 */
export interface StatedFigure {
    /**
     * Which figure.
     */
    figure: LedgerFigure;
    /**
     * The amount stated.
     */
    amount: Money;
    /**
     * Where (document and section).
     */
    source: string;
}

/**
 * A figure of the ledger that a report can state.
 */
export type LedgerFigure = "allocation" | "upfront_pot" | "tactical_pot" | "upfront_requested" | "upfront_approved" | "tactical_available" | "tactical_approved" | "tactical_remaining" | "spent" | "underspend" | "unallocated";

/**
 * A gate that is shut.
 */
export interface ShutGate {
    /**
     * A stable code: `earlier_projects_incomplete`, `upfront_cases_undecided`,
     * `closed_by_opcc`, `year_not_started`, `year_ended`.
     */
    code: string;
    /**
     * Why.
     */
    reason: string;
}

/**
 * A grant year and what a report states about it.
 */
export interface ReconcileInput {
    /**
     * `2022/23`.
     */
    year: string;
    /**
     * Decimal string.
     */
    allocation: string;
    /**
     * Defaults to true.
     */
    tactical_open?: boolean;
    /**
     * The projects.
     */
    projects: ProjectInput[];
    /**
     * Figures stated.
     */
    stated_figures?: StatedFigureInput[];
    /**
     * Project amounts listed.
     */
    stated_projects?: StatedProjectInput[];
}

/**
 * A grant year.
 */
export interface LedgerInput {
    /**
     * `2022/23`.
     */
    year: string;
    /**
     * Decimal string.
     */
    allocation: string;
    /**
     * Defaults to true.
     */
    tactical_open?: boolean;
    /**
     * The projects.
     */
    projects: ProjectInput[];
}

/**
 * A match-funded project.
 */
export interface MatchFundingInput {
    /**
     * Decimal string.
     */
    grant: string;
    /**
     * Decimal string.
     */
    total_cost: string;
}

/**
 * A meeting and, optionally, when its papers went out.
 */
export interface PapersInput {
    /**
     * Defaults to `kcsp`.
     */
    body?: string;
    /**
     * YYYY-MM-DD.
     */
    meeting: string;
    /**
     * YYYY-MM-DD.
     */
    circulated?: string;
}

/**
 * A meeting's attendance.
 */
export interface QuorumInput {
    /**
     * `kcsp`, `working_group` or `dhr_steering_group`.
     */
    body: string;
    /**
     * YYYY-MM-DD.
     */
    date: string;
    /**
     * Organisation ids of the people present (repeats allowed).
     */
    present: string[];
}

/**
 * A project amount a report lists.
 */
export interface StatedProjectInput {
    /**
     * The project's name.
     */
    name: string;
    /**
     * Decimal string.
     */
    amount: string;
    /**
     * Where it is listed.
     */
    source?: string;
}

/**
 * A project amount as a report lists it.
 */
export interface StatedProject {
    /**
     * The project's name as in the ledger (ASCII case and surrounding spaces ignored).
     */
    name: string;
    /**
     * The amount listed.
     */
    amount: Money;
    /**
     * Where (document and section).
     */
    source: string;
}

/**
 * A project in a year's ledger.
 */
export interface Project {
    /**
     * Its name (unique within the ledger, ignoring ASCII case and surrounding spaces).
     */
    name: string;
    /**
     * The round.
     */
    round: Round;
    /**
     * The amount requested or approved.
     */
    amount: Money;
    /**
     * The PCC's decision.
     */
    decision: Decision;
    /**
     * What it actually cost, if known.
     */
    spent: Money | undefined;
}

/**
 * A project row.
 */
export interface ProjectInput {
    /**
     * Unique within the year.
     */
    name: string;
    /**
     * `upfront` or `tactical`.
     */
    round: string;
    /**
     * Decimal string.
     */
    amount: string;
    /**
     * `approved`, `rejected` or `pending`.
     */
    decision: string;
    /**
     * Decimal string.
     */
    spent?: string;
}

/**
 * A project's funding split between the grant and others.
 */
export interface MatchFunding {
    /**
     * The grant's contribution.
     */
    grant: Money;
    /**
     * The project's total cost.
     */
    total_cost: Money;
    /**
     * The grant's share, in percent to two places.
     */
    grant_share_percent: Percent;
    /**
     * What others pay.
     */
    other_funding: Money;
    /**
     * Which clauses applied and why.
     */
    explanation: Explanation;
}

/**
 * A responsible-authority seat id, e.g. `health`.
 *
 * ```
 * use kcsp_core::SeatId;
 * assert_eq!(SeatId::parse("seat", "health").unwrap().to_string(), "health");
 * ```
 */
export type SeatId = string;

/**
 * A review case: its reference (a published pseudonym and year at most),
 * dated events, agreed extensions and action plan.
 */
export interface Case {
    /**
     * The reference, e.g. "Sylvie 2018".
     */
    reference: string;
    /**
     * Events in date order.
     */
    events: CaseEvent[];
    /**
     * Agreed extensions.
     */
    extensions?: Extension[];
    /**
     * The action plan.
     */
    actions?: Action[];
}

/**
 * A review's dates.
 */
export interface DhrDeadlinesInput {
    /**
     * YYYY-MM-DD.
     */
    notified: string;
    /**
     * YYYY-MM-DD.
     */
    as_of: string;
    /**
     * YYYY-MM-DD.
     */
    decided?: string;
    /**
     * `commission` or `not_commission`.
     */
    decision?: string;
    /**
     * YYYY-MM-DD.
     */
    submitted?: string;
    /**
     * Agreed extensions.
     */
    extensions?: ExtensionInput[];
}

/**
 * A stage of a review.
 */
export type Stage = "notified" | "commissioned" | "not_commissioned" | "home_office_informed" | "chair_appointed" | "submitted" | "qa_returned" | "qa_approved" | "published" | "closed";

/**
 * A version of the review protocol.
 */
export interface Protocol {
    /**
     * A short id, e.g. `home_office_2016`.
     */
    id: string;
    /**
     * Its name.
     */
    name: string;
    /**
     * What the reviews are called under it.
     */
    review_name: string;
    /**
     * The first notification date it applies to.
     */
    from: NaiveDate;
    /**
     * Calendar months from notification to the commissioning decision.
     */
    decision_months: number;
    /**
     * Calendar months from the decision to commission to the overview report.
     */
    report_months: number;
    /**
     * The clause.
     */
    citation: Citation;
}

/**
 * A vote to remove the chair or vice-chair.
 */
export interface ChairRemovalInput {
    /**
     * Defaults to `kcsp`.
     */
    body?: string;
    /**
     * YYYY-MM-DD.
     */
    date: string;
    /**
     * `chair` or `vice_chair`.
     */
    office: string;
    /**
     * Organisations present.
     */
    present: string[];
    /**
     * Organisations voting for removal.
     */
    votes_for: string[];
}

/**
 * A warning: the ledger is consistent but something deserves attention.
 */
export interface Warning {
    /**
     * A stable code: `upfront_requests_exceed_pot`, `project_overspent`,
     * `tactical_requests_exceed_available`.
     */
    code: string;
    /**
     * The input field concerned.
     */
    field: string;
    /**
     * A readable message.
     */
    message: string;
}

/**
 * A year's derived figures.
 */
export interface Ledger {
    /**
     * The financial year.
     */
    year: FinancialYear;
    /**
     * The scheme that applied.
     */
    scheme: string;
    /**
     * The allocation.
     */
    allocation: Money;
    /**
     * The upfront share of the split.
     */
    upfront_pot: Money;
    /**
     * The tactical pot of the split.
     */
    tactical_pot: Money;
    /**
     * All upfront proposals, whatever their decision.
     */
    upfront_requested: Money;
    /**
     * Upfront projects approved.
     */
    upfront_approved: Money;
    /**
     * Upfront projects awaiting a decision.
     */
    upfront_pending: Money;
    /**
     * Upfront projects rejected (their money joins the tactical pot).
     */
    upfront_rejected: Money;
    /**
     * Whether the tactical pot was open.
     */
    tactical_open: boolean;
    /**
     * Money the tactical pot can use: the allocation less upfront projects
     * approved or pending; zero when the pot is closed or the scheme has none.
     */
    tactical_available: Money;
    /**
     * Tactical projects approved.
     */
    tactical_approved: Money;
    /**
     * Tactical projects awaiting a decision.
     */
    tactical_pending: Money;
    /**
     * Available less approved tactical projects.
     */
    tactical_remaining: Money;
    /**
     * The allocation less everything approved or pending.
     */
    unallocated: Money;
    /**
     * Total actual spend.
     */
    spent: Money;
    /**
     * The allocation less total actual spend.
     */
    underspend: Money;
    /**
     * Warnings.
     */
    warnings: Warning[];
    /**
     * The projects as given.
     */
    projects: Project[];
    /**
     * Which clauses applied and why.
     */
    explanation: Explanation;
}

/**
 * Against what a removal majority is counted.
 */
export type MajorityBasis = "all_seats" | "seats_present";

/**
 * An action of a review's plan, monitored by the Steering Group.
 */
export interface Action {
    /**
     * A reference for the action.
     */
    id: string;
    /**
     * The agency that owns it.
     */
    owner: string;
    /**
     * Its status.
     */
    status: ActionStatus;
}

/**
 * An action of a review's plan.
 */
export interface ActionInput {
    /**
     * A reference.
     */
    id: string;
    /**
     * The agency that owns it.
     */
    owner?: string;
    /**
     * `open`, `in_progress` or `complete`.
     */
    status: string;
}

/**
 * An agreed extension of a deadline.
 */
export interface Extension {
    /**
     * Which deadline.
     */
    deadline: DeadlineKind;
    /**
     * The new due date.
     */
    until: NaiveDate;
    /**
     * Why.
     */
    reason: ExtensionReason;
    /**
     * A note (who agreed it, when).
     */
    note?: string;
}

/**
 * An agreed extension.
 */
export interface ExtensionInput {
    /**
     * `decision` or `report`.
     */
    deadline: string;
    /**
     * YYYY-MM-DD.
     */
    until: string;
    /**
     * `criminal_proceedings`, `inquest` or `other`.
     */
    reason: string;
    /**
     * Free text.
     */
    note?: string;
}

/**
 * An allocation divided into the upfront share and the tactical pot.
 */
export interface Split {
    /**
     * The allocation.
     */
    allocation: Money;
    /**
     * For upfront projects.
     */
    upfront: Money;
    /**
     * The tactical pot.
     */
    tactical: Money;
    /**
     * Which clause applied and why.
     */
    explanation: Explanation;
}

/**
 * An allocation.
 */
export interface GrantSplitInput {
    /**
     * Decimal string.
     */
    allocation: string;
    /**
     * `2022/23`; defaults to the Crime Reduction Grant scheme.
     */
    year?: string;
}

/**
 * An office that a removal vote concerns.
 */
export type Office = "chair" | "vice_chair";

/**
 * An organisation id, e.g. `kent_police`, `nhs_kent_and_medway`.
 *
 * ```
 * use kcsp_core::OrgId;
 * assert_eq!(OrgId::parse("present[0]", "kent_police").unwrap().as_str(), "kent_police");
 * assert_eq!(OrgId::parse("present[0]", "Kent Police").unwrap_err().code(), "unknown_organisation");
 * ```
 */
export type OrgId = string;

/**
 * Approval dates of the terms of reference.
 */
export interface TorReviewInput {
    /**
     * Defaults to `kcsp`.
     */
    body?: string;
    /**
     * YYYY-MM-DD, any order.
     */
    approvals: string[];
    /**
     * YYYY-MM-DD.
     */
    as_of: string;
}

/**
 * Chair election dates.
 */
export interface ChairTermInput {
    /**
     * `working_group` or `dhr_steering_group` (`kcsp` has no term).
     */
    body: string;
    /**
     * YYYY-MM-DD.
     */
    elected: string[];
    /**
     * YYYY-MM-DD.
     */
    as_of: string;
}

/**
 * Counts over many reviews.
 */
export interface Portfolio {
    /**
     * Deaths considered (every case notified).
     */
    considered: number;
    /**
     * Reviews commissioned.
     */
    commissioned: number;
    /**
     * Reviews not commissioned.
     */
    not_commissioned: number;
    /**
     * Reviews that completed Home Office quality assurance.
     */
    qa_completed: number;
    /**
     * Reviews published.
     */
    published: number;
    /**
     * Cases closed.
     */
    closed: number;
    /**
     * Cases by their current stage.
     */
    by_stage: Partial<Record<Stage, number>>;
    /**
     * Cases overdue as of the date asked about (only from [`portfolio_of_cases`]).
     */
    overdue: OverdueCase[];
    /**
     * Why.
     */
    explanation: Explanation;
}

/**
 * How a year's allocation is divided between upfront projects and the
 * tactical pot: the upfront share is `upfront_numerator/upfront_denominator`
 * of the allocation rounded down to the whole pound; the tactical pot is the
 * rest. A scheme without a tactical pot puts everything upfront.
 */
export interface GrantScheme {
    /**
     * The grant's name in that period.
     */
    name: string;
    /**
     * The first financial year the scheme applies to.
     */
    from: FinancialYear;
    /**
     * Whether there is a tactical pot.
     */
    tactical_pot: boolean;
    /**
     * Numerator of the upfront share.
     */
    upfront_numerator: number;
    /**
     * Denominator of the upfront share.
     */
    upfront_denominator: number;
    /**
     * The clauses.
     */
    citations: Citation[];
}

/**
 * How working days of notice are counted.
 */
export type NoticeCounting = "clear" | "dispatch_day_counts";

/**
 * Many reviews' stage names.
 */
export interface DhrPortfolioInput {
    /**
     * One list of stage names per case.
     */
    cases: string[][];
}

/**
 * One difference between what was stated and what is computed.
 */
export interface Discrepancy {
    /**
     * `figure`, `project_amount`, `unknown_project` or `over_request`.
     */
    kind: string;
    /**
     * The figure or project concerned.
     */
    subject: string;
    /**
     * Where the stated value comes from.
     */
    source: string;
    /**
     * The value stated (for `over_request`: the total requested).
     */
    stated: Money;
    /**
     * The value computed (for `over_request`: the pot).
     */
    computed: Money;
    /**
     * The absolute difference.
     */
    difference: Money;
    /**
     * Whether the stated value is `higher` or `lower` than the computed one.
     */
    stated_is: string;
    /**
     * For a project listed with another project's amount, and vice versa: that project.
     */
    swapped_with: string | undefined;
    /**
     * A readable message.
     */
    message: string;
}

/**
 * One figure a decision used, by name, as text (money as `26440.00`, dates
 * as `YYYY-MM-DD`, counts as integers).
 */
export interface Figure {
    /**
     * The figure's name, e.g. `required`.
     */
    name: string;
    /**
     * Its value.
     */
    value: string;
}

/**
 * One meeting's quorum, as a row of a batch. Ids are borrowed from the
 * register and the partnership, so a batch of many meetings allocates little.
 */
export interface MeetingQuorum {
    /**
     * The meeting id.
     */
    meeting: string;
    /**
     * The index of the meeting's first row in the register.
     */
    first_row: number;
    /**
     * The meeting date.
     */
    date: NaiveDate;
    /**
     * Whether it was quorate.
     */
    quorate: boolean;
    /**
     * Distinct seats (or organisations) represented.
     */
    count: number;
    /**
     * How many were needed.
     */
    required: number;
    /**
     * Seats (or organisations) represented, sorted.
     */
    represented: string[];
    /**
     * Seats not represented, sorted.
     */
    missing: string[];
    /**
     * Why, in a sentence.
     */
    reason: string;
}

/**
 * Stage names in order.
 */
export interface DhrTransitionInput {
    /**
     * e.g. `["notified", "commissioned"]`.
     */
    events: string[];
}

/**
 * The PCC's decision on a project's business case.
 */
export type Decision = "approved" | "rejected" | "pending";

/**
 * The dates a deadline check needs.
 */
export interface DeadlineInput {
    /**
     * When the police notified the CSP.
     */
    notified: NaiveDate;
    /**
     * When the commissioning decision was made, if it was.
     */
    decided: NaiveDate | undefined;
    /**
     * The decision, if made.
     */
    decision: CommissionDecision | undefined;
    /**
     * When the overview report went to the Home Office, if it did.
     */
    submitted: NaiveDate | undefined;
    /**
     * The date to evaluate for.
     */
    as_of: NaiveDate;
}

/**
 * The decision whether to commission a review.
 */
export type CommissionDecision = "commission" | "not_commission";

/**
 * The outcome of a reconciliation.
 */
export interface Reconciliation {
    /**
     * Whether nothing differs.
     */
    consistent: boolean;
    /**
     * Every difference, in the order checked.
     */
    discrepancies: Discrepancy[];
    /**
     * Why.
     */
    explanation: Explanation;
}

/**
 * The outcome of a removal vote.
 */
export interface RemovalResult {
    /**
     * The office.
     */
    office: Office;
    /**
     * Whether the holder is removed.
     */
    removed: boolean;
    /**
     * Distinct seats voting for removal.
     */
    votes_for: number;
    /**
     * Votes needed (strictly more than the fraction of `seats`).
     */
    required: number;
    /**
     * The seats the majority is counted against.
     */
    seats: number;
    /**
     * The counting basis used.
     */
    basis: MajorityBasis;
    /**
     * The seats that voted for removal, sorted.
     */
    voting_seats: SeatId[];
    /**
     * The meeting's quorum.
     */
    quorum: QuorumResult;
    /**
     * Which clause applied and why.
     */
    explanation: Explanation;
}

/**
 * The quorum of every meeting of an attendance register.
 */
export interface QuorumBatch {
    /**
     * One row per meeting, in order of first appearance.
     */
    meetings: MeetingQuorum[];
    /**
     * The clause applied to every meeting.
     */
    explanation: Explanation;
}

/**
 * The status of a body's terms-of-reference review.
 */
export interface ReviewStatus {
    /**
     * The latest approval.
     */
    last_approved: NaiveDate;
    /**
     * When the next review is due.
     */
    next_due: NaiveDate;
    /**
     * Whether it is overdue on the as-of date.
     */
    overdue: boolean;
    /**
     * Days from the as-of date to the due date (negative when overdue).
     */
    days_until_due: number;
    /**
     * The review interval applied.
     */
    interval_months: number;
    /**
     * Which clause applied and why.
     */
    explanation: Explanation;
}

/**
 * The status of an action in a review's action plan.
 */
export type ActionStatus = "open" | "in_progress" | "complete";

/**
 * The tactical pot's gates.
 */
export interface TacticalAccessInput {
    /**
     * `2021/22`.
     */
    year: string;
    /**
     * YYYY-MM-DD.
     */
    as_of: string;
    /**
     * Whether earlier years' projects are complete, where that gate applies.
     */
    earlier_projects_complete?: boolean;
    /**
     * Whether every upfront case is decided, where that gate applies.
     */
    upfront_cases_decided?: boolean;
    /**
     * YYYY-MM-DD the OPCC closed the pot.
     */
    closed_from?: string;
}

/**
 * What a quorum counts.
 */
export type QuorumBasis = "seats" | "organisations";

/**
 * What a report states.
 */
export interface Statement {
    /**
     * Figures stated.
     */
    figures: StatedFigure[];
    /**
     * Project amounts listed.
     */
    projects: StatedProject[];
}

/**
 * What goes into a year's ledger.
 */
export interface LedgerInput {
    /**
     * The financial year.
     */
    year: FinancialYear;
    /**
     * The PCC's allocation.
     */
    allocation: Money;
    /**
     * Whether the tactical pot is open (see [`crate::tactical`] for the gates).
     */
    tactical_open: boolean;
    /**
     * The projects.
     */
    projects: Project[];
}

/**
 * When a body's chair is next due for election or review.
 */
export interface TermStatus {
    /**
     * The body.
     */
    body: BodyId;
    /**
     * The latest election.
     */
    last_elected: NaiveDate;
    /**
     * When the next election (or review) is due.
     */
    next_due: NaiveDate;
    /**
     * Whether it is overdue on the as-of date.
     */
    overdue: boolean;
    /**
     * Days from the as-of date to the due date (negative when overdue).
     */
    days_until_due: number;
    /**
     * The term applied.
     */
    term_months: number;
    /**
     * Which clause applied and why.
     */
    explanation: Explanation;
}

/**
 * Where a review is: its last stage (not counting `home_office_informed`)
 * and whether the Home Office has been told.
 */
export interface Progress {
    /**
     * The last stage reached, other than `home_office_informed`; `None` before notification.
     */
    stage: Stage | undefined;
    /**
     * Whether the Home Office has been informed.
     */
    home_office_informed: boolean;
    /**
     * Whether the review reached `qa_approved` at some point.
     */
    qa_approved: boolean;
    /**
     * Whether a review was commissioned.
     */
    commissioned: boolean;
}

/**
 * Where a sequence of stages leads.
 */
export interface TransitionResult {
    /**
     * The last stage reached, other than `home_office_informed`.
     */
    stage: Stage;
    /**
     * Whether the Home Office was informed.
     */
    home_office_informed: boolean;
    /**
     * What may come next.
     */
    next_allowed: Stage[];
    /**
     * Which clause applied and why.
     */
    explanation: Explanation;
}

/**
 * Whether a date is a working day, and why.
 */
export interface WorkingDay {
    /**
     * The date.
     */
    date: NaiveDate;
    /**
     * Whether it is a working day in England and Wales.
     */
    working_day: boolean;
    /**
     * The day of the week (`Mon` … `Sun`).
     */
    weekday: string;
    /**
     * The bank holiday's name, if it is one.
     */
    holiday: string | undefined;
    /**
     * Which rule applied and why.
     */
    explanation: Explanation;
}

/**
 * Whether a meeting was quorate, and why.
 */
export interface QuorumResult {
    /**
     * The body.
     */
    body: BodyId;
    /**
     * The meeting date.
     */
    date: NaiveDate;
    /**
     * What was counted: seats or organisations.
     */
    basis: QuorumBasis;
    /**
     * Whether the meeting was quorate.
     */
    quorate: boolean;
    /**
     * Distinct seats (or, for the DHR Steering Group, organisations) represented.
     */
    count: number;
    /**
     * How many were needed.
     */
    required: number;
    /**
     * The seats (or organisations) represented, sorted.
     */
    represented: string[];
    /**
     * The seats not represented, sorted (empty when counting organisations).
     */
    missing: string[];
    /**
     * Attendees who count for nothing (co-operating bodies, guests), sorted.
     */
    not_counted: OrgId[];
    /**
     * Which clause applied and why.
     */
    explanation: Explanation;
}

/**
 * Whether papers went out in time, and the latest day they could.
 */
export interface PapersResult {
    /**
     * The meeting date.
     */
    meeting: NaiveDate;
    /**
     * The last working day on which papers still give the required notice.
     */
    latest_circulation: NaiveDate;
    /**
     * When they went out, if given.
     */
    circulated: NaiveDate | undefined;
    /**
     * Working days of notice given (counted as `counting` says), if circulated.
     */
    clear_working_days: number | undefined;
    /**
     * Whether the notice was enough, if circulated.
     */
    compliant: boolean | undefined;
    /**
     * Working days of notice required.
     */
    required: number;
    /**
     * How they are counted.
     */
    counting: NoticeCounting;
    /**
     * Which clause applied and why.
     */
    explanation: Explanation;
}

/**
 * Whether the tactical pot is open on a date, and which gates are shut.
 */
export interface TacticalAccess {
    /**
     * The financial year.
     */
    year: FinancialYear;
    /**
     * The date asked about.
     */
    as_of: NaiveDate;
    /**
     * Whether the pot can be used.
     */
    open: boolean;
    /**
     * The gates that are shut.
     */
    shut: ShutGate[];
    /**
     * Which clauses applied and why.
     */
    explanation: Explanation;
}

/**
 * Which deadline an extension moves.
 */
export type DeadlineKind = "decision" | "report";

/**
 * Which round a project is funded from.
 */
export type Round = "upfront" | "tactical";

/**
 * Why a deadline was extended.
 */
export type ExtensionReason = "criminal_proceedings" | "inquest" | "other";

/**
 * Why a result came out as it did.
 *
 * ```
 * use kcsp_core::{Partnership, quorum};
 * let kent = Partnership::kent();
 * let d = chrono::NaiveDate::from_ymd_opt(2022, 7, 14).unwrap();
 * let r = quorum::check(&kent, "kcsp", d, &["kent_police"]).unwrap();
 * assert_eq!(r.explanation.rule, "quorum");
 * assert!(!r.explanation.citations.is_empty());
 * assert!(r.explanation.reason.contains("1 of"));
 * ```
 */
export interface Explanation {
    /**
     * The rule id (`quorum`, `papers_deadline`, …).
     */
    rule: string;
    /**
     * The reading the library took where the clause is ambiguous, if any.
     */
    reading?: string;
    /**
     * The clauses that applied.
     */
    citations: Citation[];
    /**
     * The figures used.
     */
    figures: Figure[];
    /**
     * The outcome in a sentence.
     */
    reason: string;
}


/**
 * r" Decides a removal vote: more than half of all seats, at a quorate meeting.
 */
export function chairRemoval(input: ChairRemovalInput): RemovalResult;

/**
 * r" When a body's chair is next due for election.
 */
export function chairTerm(input: ChairTermInput): TermStatus;

/**
 * r" A case's stage, deadlines, open actions and next steps.
 */
export function dhrCase(input: DhrCaseInput): CaseStatus;

/**
 * r" A review's decision and report deadlines.
 */
export function dhrDeadlines(input: DhrDeadlinesInput): Deadlines;

/**
 * r" Counts over many reviews.
 */
export function dhrPortfolio(input: DhrPortfolioInput): Portfolio;

/**
 * r" Checks a sequence of review stages and says what may come next.
 */
export function dhrTransition(input: DhrTransitionInput): TransitionResult;

/**
 * Every error code with its family (`input`, `calendar`, `governance`, `grant`, `dhr`).
 */
export function errorCodes(): Record<string, string>;

/**
 * Evaluates any rule by name on a plain object, as the conformance vectors
 * describe it, and returns the result object.
 */
export function evaluate(rule: string, input: any): any;

/**
 * r" A grant year's figures, warnings and errors.
 */
export function grantLedger(input: LedgerInput): Ledger;

/**
 * r" The upfront share and tactical pot of an allocation.
 */
export function grantSplit(input: GrantSplitInput): Split;

/**
 * r" The grant's share of a project's total cost.
 */
export function matchFunding(input: MatchFundingInput): MatchFunding;

/**
 * r" The latest day papers can go out, and whether they did in time.
 */
export function papersDeadline(input: PapersInput): PapersResult;

/**
 * r" Whether a meeting was quorate, with the seats represented and missing.
 */
export function quorum(input: QuorumInput): QuorumResult;

/**
 * Quorum of every meeting of an attendance register given as text: one line
 * per person present, `meeting_id<TAB>date<TAB>organisation` (a header line
 * starting `meeting_id` is skipped; blank lines are ignored). One string
 * crosses into WebAssembly, so a large register is fast.
 *
 * Returns columns with one entry per meeting, in order of first appearance:
 * `meeting_id`, `date`, `missing` (comma-separated seat ids) and `reason`
 * as string arrays, `quorate` (1/0) and `count`, `required` as typed arrays.
 */
export function quorumBatch(register: string, body?: string | null): QuorumBatchColumns;

/**
 * r" Stated figures compared with computed ones.
 */
export function reconcile(input: ReconcileInput): Reconciliation;

/**
 * r" Whether the tactical pot can be used on a date.
 */
export function tacticalAccess(input: TacticalAccessInput): TacticalAccess;

/**
 * r" The status of the annual terms-of-reference review.
 */
export function torReview(input: TorReviewInput): ReviewStatus;

/**
 * r" Whether a date is a working day in England and Wales.
 */
export function workingDay(input: DateInput): WorkingDay;

export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

export interface InitOutput {
    readonly memory: WebAssembly.Memory;
    readonly chairRemoval: (a: any) => [number, number, number];
    readonly chairTerm: (a: any) => [number, number, number];
    readonly dhrCase: (a: any) => [number, number, number];
    readonly dhrDeadlines: (a: any) => [number, number, number];
    readonly dhrPortfolio: (a: any) => [number, number, number];
    readonly dhrTransition: (a: any) => [number, number, number];
    readonly errorCodes: () => any;
    readonly evaluate: (a: number, b: number, c: any) => [number, number, number];
    readonly grantLedger: (a: any) => [number, number, number];
    readonly grantSplit: (a: any) => [number, number, number];
    readonly matchFunding: (a: any) => [number, number, number];
    readonly papersDeadline: (a: any) => [number, number, number];
    readonly quorum: (a: any) => [number, number, number];
    readonly quorumBatch: (a: number, b: number, c: number, d: number) => [number, number, number];
    readonly reconcile: (a: any) => [number, number, number];
    readonly tacticalAccess: (a: any) => [number, number, number];
    readonly torReview: (a: any) => [number, number, number];
    readonly workingDay: (a: any) => [number, number, number];
    readonly __wbindgen_malloc: (a: number, b: number) => number;
    readonly __wbindgen_realloc: (a: number, b: number, c: number, d: number) => number;
    readonly __wbindgen_free: (a: number, b: number, c: number) => void;
    readonly __wbindgen_exn_store: (a: number) => void;
    readonly __externref_table_alloc: () => number;
    readonly __wbindgen_externrefs: WebAssembly.Table;
    readonly __externref_table_dealloc: (a: number) => void;
    readonly __wbindgen_start: () => void;
}

export type SyncInitInput = BufferSource | WebAssembly.Module;

/**
 * Instantiates the given `module`, which can either be bytes or
 * a precompiled `WebAssembly.Module`.
 *
 * @param {{ module: SyncInitInput }} module - Passing `SyncInitInput` directly is deprecated.
 *
 * @returns {InitOutput}
 */
export function initSync(module: { module: SyncInitInput } | SyncInitInput): InitOutput;

/**
 * If `module_or_path` is {RequestInfo} or {URL}, makes a request and
 * for everything else, calls `WebAssembly.instantiate` directly.
 *
 * @param {{ module_or_path: InitInput | Promise<InitInput> }} module_or_path - Passing `InitInput` directly is deprecated.
 *
 * @returns {Promise<InitOutput>}
 */
export default function __wbg_init (module_or_path?: { module_or_path: InitInput | Promise<InitInput> } | InitInput | Promise<InitInput>): Promise<InitOutput>;
