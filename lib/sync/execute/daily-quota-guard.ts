/**
 * HubSpot's daily API quota, as one run sees it (docs/ARCHITECTURE.md, "Daily quota"). Before every
 * write batch the run asks `allowsNextCall`: the app's calls already counted on the account's day
 * (crm_sync.hubspot_daily_usage, to which every commit adds the run's new calls) plus this run's
 * calls not counted yet, against crm_sync.settings.daily_request_quota. When the next call would not
 * fit, or HubSpot answers 429 DAILY anyway (other apps of the portal share the quota), the run
 * launches nothing more, lets the calls in flight finish, commits what is settled and pauses until
 * the account's next midnight.
 *
 * The account's time zone comes from GET /account-info/v3/details, cached in crm_sync.settings and
 * read again at most once a day, by a run that calls HubSpot anyway (a live run before its first
 * write, a dry run with a token before its estimate): a run with nothing to send makes no call.
 * Until it is known the day is UTC's.
 */
import { FALLBACK_TIME_ZONE, accountDay, isKnownTimeZone, nextAccountMidnight } from "@/lib/contracts/account-day";
import type { Queryable } from "@/lib/db/queryable";
import {
  quotaTimeZone,
  readDayUsage,
  readQuotaSettings,
  saveAccountTimeZone,
  type QuotaSettings,
} from "@/lib/db/quota/daily-usage";
import { isDailyLimitError, type SyncHubSpotClient } from "@/lib/sync/hubspot-port";
import type { UsageDay } from "../runs/commit-settled";
import type { QuotaPause } from "../runs/run-outcome";

/** How long the cached account time zone is trusted before it is read from HubSpot again. */
export const TIME_ZONE_TTL_MS = 24 * 3_600_000;
/**
 * A 429 DAILY this soon after our midnight means HubSpot's day has not turned yet (clocks differ):
 * try again after RETRY_SOON_MS instead of waiting a whole day.
 */
export const EARLY_IN_DAY_MS = 30 * 60_000;
export const RETRY_SOON_MS = 15 * 60_000;

export class DailyQuotaGuard {
  private timeZone: string;
  /** The account day `used` and `recordedByRun` were read for; null: read before the next check. */
  private day: string | null = null;
  /** Every call the table counts on `day`, and how many of this run's calls the table held then. */
  private used = 0;
  private recordedByRun = 0;
  private isZoneChecked: boolean;
  private pause: QuotaPause | null = null;

  private constructor(
    private readonly db: Queryable,
    private readonly runId: number,
    private readonly hubspot: SyncHubSpotClient | null,
    private readonly settings: QuotaSettings,
    private readonly now: () => number,
  ) {
    this.timeZone = quotaTimeZone(settings);
    const readAt = settings.timeZoneReadAt?.getTime() ?? null;
    this.isZoneChecked = settings.timeZone !== null && readAt !== null && now() - readAt <= TIME_ZONE_TTL_MS;
  }

  /** Reads the quota and the cached zone; calls nothing. */
  static async open(
    db: Queryable,
    runId: number,
    hubspot: SyncHubSpotClient | null,
    now: () => number,
  ): Promise<DailyQuotaGuard> {
    return new DailyQuotaGuard(db, runId, hubspot, await readQuotaSettings(db), now);
  }

  /** The account day the run's calls are counted on, for its commits. */
  usageDay(): UsageDay {
    return { day: accountDay(this.now(), this.timeZone), timeZone: this.timeZone };
  }

  /** Set once the run must pause for the quota; it launches nothing more. */
  get quotaPause(): QuotaPause | null {
    return this.pause;
  }

  /**
   * Reads the account's time zone from HubSpot when the cache is older than a day (one call). A
   * 429 DAILY on that call means today is spent: the run pauses.
   */
  async checkTimeZone(): Promise<void> {
    if (this.isZoneChecked || !this.hubspot) return;
    this.isZoneChecked = true;
    try {
      const answered = (await this.hubspot.getAccountDetails()).timeZone?.trim();
      const zone = answered && isKnownTimeZone(answered) ? answered : FALLBACK_TIME_ZONE;
      await saveAccountTimeZone(this.db, zone, new Date(this.now()));
      if (zone !== this.timeZone) this.day = null;
      this.timeZone = zone;
    } catch (error) {
      if (!this.noteRefusal(error)) throw error;
    }
  }

  /**
   * Whether one more call fits today's quota, given every call this run has made or launched so
   * far (`callsUsed`, asked after the zone check, which may itself be a call). When it does not,
   * the run pauses until the account's next midnight.
   */
  async allowsNextCall(callsSoFar: () => number): Promise<boolean> {
    await this.checkTimeZone();
    if (this.pause) return false;
    const callsUsed = callsSoFar();
    const day = accountDay(this.now(), this.timeZone);
    if (day !== this.day) {
      // First check, or the account's day turned during the run: count against that day from here on.
      const usage = await readDayUsage(this.db, day, this.runId);
      this.day = day;
      this.used = usage.calls;
      this.recordedByRun = usage.runCalls;
    }
    if (this.used + Math.max(0, callsUsed - this.recordedByRun) + 1 <= this.settings.dailyQuota) return true;
    this.pause = {
      resumeAfter: nextAccountMidnight(this.now(), this.timeZone),
      timeZone: this.timeZone,
      source: "budget",
    };
    return false;
  }

  /** True (and the run pauses) when `error` is HubSpot's 429 DAILY; anything else is the caller's. */
  noteRefusal(error: unknown): boolean {
    if (!isDailyLimitError(error)) return false;
    if (!this.pause) {
      const nowMs = this.now();
      const isEarlyInDay = accountDay(nowMs - EARLY_IN_DAY_MS, this.timeZone) !== accountDay(nowMs, this.timeZone);
      const resumeAfter = isEarlyInDay ? new Date(nowMs + RETRY_SOON_MS) : nextAccountMidnight(nowMs, this.timeZone);
      this.pause = { resumeAfter, timeZone: this.timeZone, source: "hubspot" };
    }
    return true;
  }
}
