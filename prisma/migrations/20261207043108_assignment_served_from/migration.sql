-- AlterTable
ALTER TABLE "Assignment" ADD COLUMN "servedFrom" DATETIME;
