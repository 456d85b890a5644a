-- AlterTable
ALTER TABLE "Assignment" ADD COLUMN     "servedFrom" TIMESTAMP(3);
