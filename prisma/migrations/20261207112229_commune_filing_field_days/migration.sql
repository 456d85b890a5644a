-- AlterTable
ALTER TABLE "CommuneFiling" ADD COLUMN "fieldDays" TEXT;
