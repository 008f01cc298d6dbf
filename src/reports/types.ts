/**
 * What the renderers need, already presented: names resolved, statuses derived, texts collected.
 * Renderers never query; the server builds this from the store and hands it over.
 */

/** ISO date YYYY-MM-DD. */
export type IsoDate = string;

export interface IssuerBlock {
  /** Upper line of the issuer block, e.g. "ỦY BAN NHÂN DÂN" (or the superior body). */
  superior: string | null;
  /** The issuing body as written in a sentence: "Ủy ban nhân dân quận Gò Vấp" (upper-cased in the block). */
  name: string;
  /** Abbreviation used in the document number: "UBND" → "…/BC-UBND". */
  abbreviation: string;
}

export interface UnitContribution {
  unit: string;
  /** Kết quả thực hiện as the unit reported it. */
  result: string | null;
  percent: number | null;
}

export interface ConsolidatedTask {
  ref: string | null;
  title: string;
  lead: string[];
  support: string[];
  timeframe: string | null;
  /** Vietnamese status label, derived ("Hoàn thành đúng hạn", …). */
  status: string;
  leadResults: UnitContribution[];
  partnerContributions: UnitContribution[];
}

export interface ConsolidatedGroup {
  ref: string | null;
  title: string | null;
  tasks: ConsolidatedTask[];
}

export interface UnitNote {
  unit: string;
  text: string;
}

export interface ConsolidatedReport {
  issuer: IssuerBlock;
  /** Place before the date line ("Gò Vấp"). */
  place: string;
  /** Date of the report. */
  date: IsoDate;
  /** Number part left blank for the clerk ("…") unless known. */
  number: string | null;
  plan: { number: string | null; issuedAt: IsoDate | null; issuer: string | null; title: string };
  period: { label: string; start: IsoDate; end: IsoDate };
  summary: {
    totalTasks: number;
    /** Status label → number of tasks, in display order. */
    byStatus: { label: string; count: number }[];
    expectedReports: number;
    submittedReports: number;
    onTimeReports: number;
  };
  groups: ConsolidatedGroup[];
  difficulties: UnitNote[];
  proposals: UnitNote[];
  recipients: string[];
  signer: { authority: string | null; title: string | null; name: string | null };
}

export interface CalendarEvent {
  uid: string;
  /** Due date (all-day event). */
  date: IsoDate;
  summary: string;
  description: string | null;
  url: string | null;
  /** Days before the date to alarm, e.g. [3, 1]. */
  alarmsDaysBefore: number[];
}
