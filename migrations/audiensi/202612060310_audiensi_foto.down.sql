DROP TABLE audiensi_foto;
