import { areaProfile as profile, association as associate, benchmark as compute, breakdown as split, exportFigures, reportEligibility as eligibility, trend as yearly, triangulation as triangulate } from "../../figure/index.ts";
import type { QueryResolvers } from "../generated/resolvers.ts";

const band = <T extends { band?: "POSITIVE" | "NEUTRAL" | "NEGATIVE" | "EXCLUDED" | null }>(args: T) => ({ ...args, band: args.band ?? "POSITIVE" });

const benchmark: NonNullable<QueryResolvers["benchmark"]> = async (_, args, ctx) => compute(await ctx.db(), band(args));

const areaProfile: NonNullable<QueryResolvers["areaProfile"]> = async (_, args, ctx) => profile(await ctx.db(), band(args));

const breakdown: NonNullable<QueryResolvers["breakdown"]> = async (_, args, ctx) =>
  split(await ctx.db(), { ...band(args), area: args.area ?? "E92000001" }, (await ctx.viewer()).access);

const trend: NonNullable<QueryResolvers["trend"]> = async (_, args, ctx) => yearly(await ctx.db(), band(args));

const association: NonNullable<QueryResolvers["association"]> = async (_, args, ctx) =>
  associate(await ctx.db(), { ...args, area: args.area ?? "E92000001", contrast: args.contrast ?? "POSITIVE_VS_NEGATIVE" }, (await ctx.viewer()).access);

const triangulation: NonNullable<QueryResolvers["triangulation"]> = async (_, args, ctx) => triangulate(await ctx.db(), args);

const reportEligibility: NonNullable<QueryResolvers["reportEligibility"]> = async (_, args, ctx) =>
  eligibility(await ctx.db(), args, ctx.settings.reportThreshold);

const figureExport: NonNullable<QueryResolvers["figureExport"]> = async (_, args, ctx) =>
  exportFigures(await ctx.db(), { ...args, format: args.format ?? "CSV" });

export const figureQueries = { benchmark, areaProfile, breakdown, trend, association, triangulation, reportEligibility, figureExport };
