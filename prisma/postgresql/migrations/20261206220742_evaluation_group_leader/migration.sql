-- AlterTable
ALTER TABLE "AnnualEvaluation" ADD COLUMN     "groupLeaderAssessment" TEXT;
