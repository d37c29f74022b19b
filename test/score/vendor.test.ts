import { describe, expect, it } from "vitest";
import {
  claim,
  domain,
  domainOf,
  evidenced,
  FRESH,
  na,
  question,
  questionnaire,
  score,
  smallQuestionnaire,
  STALE,
  sumContributions,
  trailOf,
  YNP,
} from "./fixtures.js";

// See fixtures.ts for the questionnaire: DEL (weight 3) holds DEL-01 (w2) and DEL-02 (w1) with yes 0 / partial 50 /
// no 100; LOG (weight 1) holds LOG-01 (w1) with full 10 / some 40 / none 80. Gates: DEL-01 "no" -> critical,
// LOG-01 "none" -> moderate. Default unevidenced credit 0.5, freshness 12 months before 2026-03-31.
const q = smallQuestionnaire();

/** DEL-01 yes evidenced (0), DEL-02 partial unevidenced (100 - 50*0.5 = 75), LOG-01 some evidenced (40). */
const MIXED = {
  "DEL-01": evidenced("yes", FRESH),
  "DEL-02": claim("partial", FRESH),
  "LOG-01": evidenced("some", FRESH),
};

describe("scoreVendor: an unanswered questionnaire", () => {
  const r = score(q, {});

  it("scores every question as its worst option: (3*100 + 1*80) / 4 = 95", () => {
    expect(r.score).toBe(95);
    expect(domainOf(r, "DEL").score).toBe(100);
    expect(domainOf(r, "LOG").score).toBe(80);
    expect(r.scoreRating).toBe("critical");
    expect(r.rating).toBe("critical");
  });

  it("splits the score into contributions: DEL-01 3/4*2/3*100 = 50, DEL-02 3/4*1/3*100 = 25, LOG-01 1/4*80 = 20", () => {
    expect(r.trail.map((t) => [t.questionId, t.contribution])).toEqual([
      ["DEL-01", 50],
      ["DEL-02", 25],
      ["LOG-01", 20],
    ]);
  });

  it("fires every gate on the worst option an unanswered question scores as", () => {
    expect(r.gates.map((g) => [g.id, g.status, g.answer])).toEqual([
      ["G-DEL-UNAPPROVED", "unanswered", "no"],
      ["G-LOG-NONE", "unanswered", "none"],
    ]);
  });

  it("counts coverage", () => {
    expect(r.coverage).toEqual({
      questions: 3,
      answered: 0,
      unanswered: 3,
      unknown: 0,
      notApplicable: 0,
      evidenced: 0,
      unevidencedFavourable: 0,
      stale: 0,
    });
  });
});

describe("scoreVendor: weighted averages by hand", () => {
  const r = score(q, MIXED);

  it("averages questions within a domain and domains within the vendor: DEL (2*0 + 1*75)/3 = 25, LOG 40, vendor (3*25 + 1*40)/4 = 28.75 -> 28.8", () => {
    expect(domainOf(r, "DEL").score).toBe(25);
    expect(domainOf(r, "LOG").score).toBe(40);
    expect(r.score).toBe(28.8);
    expect(r.scoreRating).toBe("moderate");
    expect(r.rating).toBe("moderate");
    expect(r.gates).toEqual([]);
  });

  it("rates each domain on the same thresholds: 25 is moderate (boundary), 40 is moderate", () => {
    expect(domainOf(r, "DEL").rating).toBe("moderate");
    expect(domainOf(r, "LOG").rating).toBe("moderate");
  });

  it("states each question's exact share: 0, 3/4*1/3*75 = 18.75, 1/4*40 = 10; they add up to the score", () => {
    expect(r.trail.map((t) => t.contribution)).toEqual([0, 18.75, 10]);
    expect(sumContributions(r)).toBe(28.75); // the score before rounding to one decimal
  });

  it("puts weights, points and credit in the trail", () => {
    expect(trailOf(r, "DEL-02")).toMatchObject({
      status: "answered",
      answer: "partial",
      optionPoints: 50,
      worstPoints: 100,
      credit: 0.5,
      effectivePoints: 75,
      weight: 1,
      domainWeight: 3,
      evidenced: false,
      fresh: true,
      gate: null,
    });
    expect(trailOf(r, "DEL-01")).toMatchObject({ weight: 2, domainWeight: 3, credit: 1, effectivePoints: 0 });
  });

  it("rounds trail effective points to 2 decimals: credit 1/3 on some -> 80 - 40/3 = 66.666... -> 66.67", () => {
    const t = trailOf(
      score(q, { "LOG-01": claim("some", FRESH) }, { scoring: { unevidencedCredit: 1 / 3 } }),
      "LOG-01",
    );
    expect(t.effectivePoints).toBe(66.67);
  });

  it("counts domain questions, answers and unknowns", () => {
    const d = domainOf(score(q, { "DEL-01": claim("unknown", FRESH), "DEL-02": evidenced("yes", FRESH) }), "DEL");
    expect(d).toMatchObject({ questions: 2, answered: 1, unanswered: 1, notApplicable: 0, weight: 3 });
  });
});

describe("scoreVendor: not applicable", () => {
  it("drops a domain whose questions are all na: DEL (0 + 100)/3 = 33.33 is the vendor score, LOG is null", () => {
    const r = score(q, { "DEL-01": evidenced("yes", FRESH), "DEL-02": claim("no", FRESH), "LOG-01": na() });
    expect(r.score).toBe(33.3);
    const log = domainOf(r, "LOG");
    expect(log.score).toBeNull();
    expect(log.rating).toBeNull();
    expect(log.notApplicable).toBe(1);
    expect(trailOf(r, "LOG-01")).toMatchObject({ status: "not-applicable", weight: 0, contribution: 0, gate: null });
    expect(r.gates).toEqual([]); // na does not fire G-LOG-NONE
    expect(r.coverage.notApplicable).toBe(1);
  });

  it("scores that same vendor higher when LOG-01 is left unanswered instead: (3*33.33 + 80)/4 = 45", () => {
    expect(score(q, { "DEL-01": evidenced("yes", FRESH), "DEL-02": claim("no", FRESH) }).score).toBe(45);
  });

  it("removes an na question's weight within its domain: DEL-02 na, DEL-01 yes unevidenced 50 -> DEL 50, vendor (3*50 + 80)/4 = 57.5", () => {
    const r = score(q, { "DEL-01": claim("yes", FRESH), "DEL-02": na() });
    expect(domainOf(r, "DEL").score).toBe(50);
    expect(r.score).toBe(57.5);
    expect(trailOf(r, "DEL-01").contribution).toBe(37.5); // 3/4 * 1/1 * 50
  });

  it("scores a vendor with nothing applicable as 100 (nothing to credit)", () => {
    const allNa = questionnaire({
      domains: [domain("CUS", 1)],
      questions: [
        question("CUS-01", YNP, { allowNotApplicable: true }),
        question("CUS-02", YNP, { allowNotApplicable: true }),
      ],
    });
    const r = score(allNa, { "CUS-01": na(), "CUS-02": na() });
    expect(r.score).toBe(100);
    expect(r.rating).toBe("critical");
    expect(domainOf(r, "CUS").score).toBeNull();
  });
});

describe("scoreVendor: gates", () => {
  // DEL-01 no (100), DEL-02 yes evidenced (0), LOG-01 full evidenced (10):
  // DEL (2*100 + 0)/3 = 66.67, vendor (3*66.67 + 10)/4 = (200 + 10)/4 = 52.5 -> high by score.
  const answers = {
    "DEL-01": claim("no", FRESH),
    "DEL-02": evidenced("yes", FRESH),
    "LOG-01": evidenced("full", FRESH),
  };

  it("raises the rating to the gate's minimum without changing the score", () => {
    const gated = score(q, answers);
    const ungated = score(smallQuestionnaire({ gates: false }), answers);
    expect(gated.score).toBe(52.5);
    expect(ungated.score).toBe(52.5);
    expect(gated.scoreRating).toBe("high");
    expect(gated.rating).toBe("critical");
    expect(ungated.rating).toBe("high");
    expect(gated.trail).toEqual(
      ungated.trail.map((t) => (t.questionId === "DEL-01" ? { ...t, gate: "G-DEL-UNAPPROVED" } : t)),
    );
  });

  it("names the gate and the answer behind it", () => {
    expect(score(q, answers).gates).toEqual([
      {
        id: "G-DEL-UNAPPROVED",
        title: "Gate G-DEL-UNAPPROVED",
        minRating: "critical",
        questionId: "DEL-01",
        answer: "no",
        answerLabel: "No",
        status: "answered",
      },
    ]);
  });

  it('fires on "unknown", which scores as the worst option', () => {
    const r = score(q, { ...answers, "DEL-01": claim("unknown", FRESH) });
    expect(r.gates.map((g) => [g.id, g.status])).toEqual([["G-DEL-UNAPPROVED", "unknown"]]);
    expect(r.rating).toBe("critical");
  });

  it("does not fire on an answer it does not list", () => {
    // DEL-01 partial unevidenced 75: DEL (150 + 0)/3 = 50, vendor (150 + 10)/4 = 40 -> moderate
    const r = score(q, { ...answers, "DEL-01": claim("partial", FRESH) });
    expect(r.gates).toEqual([]);
    expect(r.score).toBe(40);
    expect(r.rating).toBe("moderate");
  });

  it("does not fire on na", () => {
    expect(score(q, { ...answers, "LOG-01": na() }).gates.map((g) => g.id)).toEqual(["G-DEL-UNAPPROVED"]);
  });

  it("lifts a low score to the gate's minimum: LOG-01 none (80) alone -> 1/4*80 = 20 is low, rated moderate", () => {
    const r = score(q, {
      "DEL-01": evidenced("yes", FRESH),
      "DEL-02": evidenced("yes", FRESH),
      "LOG-01": evidenced("none", FRESH),
    });
    expect(r.score).toBe(20);
    expect(r.scoreRating).toBe("low");
    expect(r.rating).toBe("moderate");
  });

  it("never lowers a rating: the moderate LOG gate under a critical score leaves it critical", () => {
    const r = score(smallQuestionnaire(), { "DEL-01": claim("partial", FRESH), "DEL-02": claim("no", FRESH) });
    // DEL (2*75 + 100)/3 = 83.33, vendor (250 + 80)/4 = 82.5 -> critical; only G-LOG-NONE (moderate) fires
    expect(r.score).toBe(82.5);
    expect(r.gates.map((g) => g.id)).toEqual(["G-LOG-NONE"]);
    expect(r.rating).toBe("critical");
  });
});

describe("scoreVendor: workspace overrides", () => {
  it("uses domain weight overrides: (1*25 + 3*40)/4 = 36.25 -> 36.3", () => {
    const r = score(q, MIXED, { scoring: { domainWeights: { DEL: 1, LOG: 3 } } });
    expect(r.score).toBe(36.3);
    expect(r.trail.map((t) => t.contribution)).toEqual([0, 6.25, 30]); // 1/4*1/3*75, 3/4*40
    expect(domainOf(r, "DEL").weight).toBe(1);
    expect(trailOf(r, "LOG-01").domainWeight).toBe(3);
  });

  it("drops a domain weighted 0 from the vendor score: DEL alone = 25, which is moderate", () => {
    const r = score(q, MIXED, { scoring: { domainWeights: { LOG: 0 } } });
    expect(r.score).toBe(25);
    expect(r.scoreRating).toBe("moderate");
    expect(trailOf(r, "LOG-01").contribution).toBe(0);
    expect(domainOf(r, "LOG").score).toBe(40); // still shown
  });

  it("uses question weight overrides: DEL (1*0 + 3*75)/4 = 56.25, vendor (3*56.25 + 40)/4 = 52.1875 -> 52.2, high", () => {
    const r = score(q, MIXED, { scoring: { questionWeights: { "DEL-01": 1, "DEL-02": 3 } } });
    expect(domainOf(r, "DEL").score).toBe(56.3);
    expect(r.score).toBe(52.2);
    expect(r.rating).toBe("high");
    expect(trailOf(r, "DEL-02").weight).toBe(3);
  });

  it("uses threshold overrides: 28.8 with 10/20/30 is high", () => {
    const r = score(q, MIXED, { scoring: { thresholds: { moderate: 10, high: 20, critical: 30 } } });
    expect(r.score).toBe(28.8);
    expect(r.scoreRating).toBe("high");
    expect(domainOf(r, "LOG").rating).toBe("critical"); // 40 >= 30
  });

  it("uses the unevidenced credit override: partial with 0.2 -> 100 - 50*0.2 = 90, DEL 90/3 = 30, vendor (90 + 40)/4 = 32.5", () => {
    const r = score(q, MIXED, { scoring: { unevidencedCredit: 0.2 } });
    expect(trailOf(r, "DEL-02").effectivePoints).toBe(90);
    expect(r.score).toBe(32.5);
  });

  it("uses the freshness override: an answer of 2025-09-30 is fresh for 6 months (since 2025-09-30), stale for 5 (since 2025-10-31)", () => {
    const answers = {
      "DEL-01": evidenced("yes", "2025-09-30"),
      "DEL-02": evidenced("partial", FRESH),
      "LOG-01": evidenced("some", FRESH),
    };
    // fresh: DEL (0 + 50)/3 = 16.67, vendor (50 + 40)/4 = 22.5
    const fresh = score(q, answers, { scoring: { freshnessMonths: 6 } });
    expect(fresh.score).toBe(22.5);
    expect(fresh.rating).toBe("low");
    // stale: DEL-01 50, DEL (100 + 50)/3 = 50, vendor (150 + 40)/4 = 47.5
    const stale = score(q, answers, { scoring: { freshnessMonths: 5 } });
    expect(trailOf(stale, "DEL-01")).toMatchObject({ fresh: false, credit: 0.5, effectivePoints: 50 });
    expect(stale.score).toBe(47.5);
    expect(stale.rating).toBe("moderate");
    expect(stale.coverage.stale).toBe(1);
  });
});

describe("scoreVendor: dates, coverage and identity", () => {
  it("dates undated answers with the file's answeredAt", () => {
    const answers = { "DEL-01": evidenced("yes"), "DEL-02": evidenced("yes"), "LOG-01": evidenced("full") };
    // fresh file: DEL 0, LOG 10, vendor 10/4 = 2.5
    const fresh = score(q, answers, { answeredAt: FRESH });
    expect(fresh.score).toBe(2.5);
    expect(fresh.answeredAt).toBe(FRESH);
    // stale file: every answer gets half credit: DEL 50, LOG 80 - 70*0.5 = 45, vendor (150 + 45)/4 = 48.75 -> 48.8
    const stale = score(q, answers, { answeredAt: STALE });
    expect(stale.coverage.stale).toBe(3);
    expect(stale.score).toBe(48.8);
  });

  it("counts answered, unknown, evidenced, unevidenced favourable and stale answers", () => {
    const r = score(q, {
      "DEL-01": evidenced("yes", STALE),
      "DEL-02": claim("unknown", FRESH),
      "LOG-01": claim("full", FRESH),
    });
    expect(r.coverage).toEqual({
      questions: 3,
      answered: 2,
      unanswered: 0,
      unknown: 1,
      notApplicable: 0,
      evidenced: 1,
      unevidencedFavourable: 1,
      stale: 1,
    });
  });

  it("does not count an unevidenced worst answer as favourable", () => {
    expect(score(q, { "DEL-01": claim("no", FRESH) }).coverage.unevidencedFavourable).toBe(0);
  });

  it("passes id, name and contact through and has null answeredAt/contact when absent", () => {
    const r = score(q, {});
    expect(r).toMatchObject({ id: "acme", name: "Vendor acme", answeredAt: null, contact: null });
  });

  it("sets priority from the final (gated) rating: medium criticality x critical = high, where the score band alone (high) gives moderate", () => {
    const r = score(
      q,
      { "DEL-01": claim("no", FRESH), "DEL-02": evidenced("yes", FRESH), "LOG-01": evidenced("full", FRESH) },
      { config: { criticality: "medium" } },
    );
    expect(r.scoreRating).toBe("high");
    expect(r.inherent.level).toBe("moderate");
    expect(r.priority).toBe("high");
    expect(r.inherent.referenceOutageCost).toBe(32_500); // 10000 * 0.25 * 13
  });
});

describe("scoreVendor: reported bugs", () => {
  // BUG 3: src/score/vendor.ts (`exact` shares and `score`) sums per-question shares in floating point and rounds the
  // sum half-up, so a score that is exactly x.x5 by hand can come out 0.1 low. Domain weights DEL 7, LOG 1; DEL-01
  // partial unevidenced (75), DEL-02 yes evidenced (0), LOG-01 some evidenced (40): DEL (2*75 + 0)/3 = 50, vendor
  // (7*50 + 1*40)/8 = 48.75, which rounds to 48.8; the code sums 7/8*2/3*75 + 1/8*40 = 48.74999... and reports 48.7.
  it("rounds an exact x.x5 score half up as a reader redoing it by hand would: 48.75 -> 48.8", () => {
    const r = score(
      q,
      { "DEL-01": claim("partial", FRESH), "DEL-02": evidenced("yes", FRESH), "LOG-01": evidenced("some", FRESH) },
      { scoring: { domainWeights: { DEL: 7, LOG: 1 } } },
    );
    expect(domainOf(r, "DEL").score).toBe(50);
    expect(r.score).toBe(48.8);
  });
});
