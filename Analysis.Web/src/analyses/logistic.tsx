import { defineAnalysis } from "./analysis";
import { CaseWeights, chosen, Model } from "./fields";

export const logistic = defineAnalysis({
  type: "logistic",
  label: "Logistic regression",
  initial: { column: "", columns: [] as string[], weights: "" },
  Fields: (props) => (
    <>
      <Model {...props} outcome="Outcome (two values; the second is the event)" role="twoGroups" />
      <CaseWeights {...props} />
    </>
  ),
  toSpec: (f) => ({ type: "logistic", dependent: f.column, independents: f.columns, ...(chosen(f.weights) ? { weights: f.weights } : {}) }),
  fromSpec: (s) => ({ column: s.dependent, columns: s.independents, weights: s.weights ?? "" }),
  titleDetail: (r) => (r.weights ? `weighted by ${r.weights}` : undefined),
  tables: (r) => [
    {
      title: `Coefficients (log odds of ${r.dependent} = ${r.event})`,
      header: ["Term", "Estimate", "Std. error", "z", "p-value", "Odds ratio", "OR 95% CI low", "OR 95% CI high"],
      kinds: ["text", "number", "number", "number", "p", "number", "number", "number"],
      rows: (r.coefficients ?? []).map((c) => [c.term, c.estimate, c.stdError, c.zStatistic, c.pValue, c.oddsRatio, c.oddsRatioInterval?.[0], c.oddsRatioInterval?.[1]]),
    },
    {
      title: "Fit",
      header: ["Deviance", "df (residual)", "Null deviance", "df (null)", "AIC", "n"],
      kinds: ["number", "count", "number", "count", "number", "count"],
      rows: [[r.deviance, r.dfResidual, r.nullDeviance, r.dfNull, r.aic, r.n]],
    },
  ],
});
