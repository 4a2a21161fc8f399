/**
 * UCB tiers under RBI's revised regulatory framework for urban co-operative
 * banks (Dec 2022), by deposits as of 31 March of the previous year.
 */
export const UCB_TIERS = ["TIER_1", "TIER_2", "TIER_3", "TIER_4"] as const;
export type UcbTier = (typeof UCB_TIERS)[number];

export const TIER_LABELS: Record<UcbTier, string> = {
  TIER_1: "Tier 1 — unit and salary-earners' UCBs, and others with deposits up to ₹100 crore",
  TIER_2: "Tier 2 — deposits over ₹100 crore up to ₹1,000 crore",
  TIER_3: "Tier 3 — deposits over ₹1,000 crore up to ₹10,000 crore",
  TIER_4: "Tier 4 — deposits over ₹10,000 crore",
};

export const TIER_SHORT_LABELS: Record<UcbTier, string> = {
  TIER_1: "Tier 1",
  TIER_2: "Tier 2",
  TIER_3: "Tier 3",
  TIER_4: "Tier 4",
};
